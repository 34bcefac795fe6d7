//! Embedded word lists (written for this crate, ISC) for display names and for memorable
//! seed names such as `mossy-owl`.
//!
//! Appending to a list changes generated output: the golden test will say so.

use crate::display_name::DisplayName;
use crate::registry::Registry;
use crate::rng::{Draws, NAMES_STREAM};
use crate::seed::{SeedName, SeedValue};

/// Given names: ASCII letters, 2-10 characters, from many languages.
pub(crate) const GIVEN_NAMES: &[&str] = &[
    "Ada", "Aiko", "Amara", "Amir", "Ana", "Anya", "Arjun", "Astrid", "Aziz", "Bea", "Bruno",
    "Carmen", "Chen", "Chidi", "Dara", "Dmitri", "Elena", "Elif", "Emeka", "Farah", "Felix",
    "Freya", "Gita", "Hana", "Hugo", "Ines", "Ingrid", "Ivan", "Jada", "Jonas", "Kai", "Kamala",
    "Kenji", "Lara", "Leila", "Liam", "Lina", "Luca", "Malik", "Mateo", "Maya", "Mei", "Nadia",
    "Nia", "Nikos", "Noor", "Omar", "Oskar", "Pablo", "Priya", "Rafael", "Rosa", "Sami", "Sana",
    "Sofia", "Tariq", "Thea", "Tomas", "Uma", "Vera", "Wei", "Yara", "Yusuf", "Zara", "Zeynep",
];

/// Family names: ASCII letters, 2-12 characters, from many languages.
pub(crate) const SURNAMES: &[&str] = &[
    "Abara",
    "Adeyemi",
    "Ali",
    "Alvarez",
    "Bauer",
    "Berg",
    "Bianchi",
    "Brennan",
    "Castillo",
    "Chowdhury",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fernandes",
    "Fischer",
    "Garcia",
    "Haddad",
    "Hale",
    "Hansen",
    "Hughes",
    "Ibrahim",
    "Iyer",
    "Jensen",
    "Kato",
    "Kaur",
    "Kim",
    "Kowalski",
    "Lam",
    "Larsen",
    "Lindqvist",
    "Lopez",
    "Mensah",
    "Moreau",
    "Murphy",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Okafor",
    "Olsen",
    "Ortiz",
    "Osei",
    "Park",
    "Patel",
    "Petrov",
    "Quinn",
    "Rahman",
    "Reyes",
    "Rossi",
    "Santos",
    "Sato",
    "Schmidt",
    "Silva",
    "Singh",
    "Sousa",
    "Tanaka",
    "Torres",
    "Varga",
    "Walsh",
    "Weber",
    "Wong",
    "Yilmaz",
    "Zhang",
];

/// Adjectives: lowercase ASCII, 3-8 characters, gentle and outdoorsy.
pub(crate) const ADJECTIVES: &[&str] = &[
    "amber", "ashen", "autumn", "balmy", "bold", "breezy", "bright", "brisk", "calm", "clear",
    "clever", "coastal", "cosy", "crisp", "dappled", "dewy", "drowsy", "dusky", "early", "emerald",
    "fair", "fleet", "foggy", "frosty", "gentle", "gilded", "glad", "golden", "grassy", "hazy",
    "hidden", "hushed", "jolly", "keen", "kind", "leafy", "lively", "lofty", "lucky", "mellow",
    "merry", "misty", "mossy", "nimble", "noble", "olive", "pebbly", "quiet", "rainy", "rosy",
    "rustic", "sandy", "shady", "silver", "sleepy", "snowy", "sunny", "swift", "tidal", "velvet",
    "verdant", "wild", "windy", "woolly",
];

/// Nouns: lowercase ASCII, 3-8 characters, creatures and places met on a walk.
pub(crate) const NOUNS: &[&str] = &[
    "acorn", "alder", "aspen", "badger", "beech", "birch", "bramble", "brook", "burrow", "canyon",
    "cedar", "clover", "comet", "cove", "crane", "creek", "daisy", "delta", "dune", "eagle", "elm",
    "falcon", "fern", "finch", "fjord", "fox", "glade", "grove", "harbour", "hare", "hazel",
    "heath", "heron", "hollow", "ibis", "island", "jay", "juniper", "kestrel", "lagoon", "lark",
    "laurel", "linden", "lynx", "maple", "marsh", "meadow", "moor", "moss", "newt", "oak",
    "orchid", "osprey", "otter", "owl", "pebble", "pine", "plover", "pond", "poppy", "quail",
    "raven", "reed", "ridge", "river", "robin", "rowan", "sparrow", "spruce", "stoat", "summit",
    "swan", "thistle", "thrush", "tide", "trail", "valley", "vole", "willow", "wren",
];

/// How many words a memorable seed name has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameLength {
    /// `adjective-noun`, e.g. `mossy-owl`.
    Two,
    /// `adjective-adjective-noun`, e.g. `mossy-amber-owl`; the two-word name plus one word.
    Three,
}

/// The memorable name of `seed`: the same seed always gives the same name.
pub fn memorable_name(seed: SeedValue, length: NameLength) -> SeedName {
    let mut draws = Draws::new(seed, NAMES_STREAM);
    let first = draws.index(ADJECTIVES.len());
    let mut second = draws.index(ADJECTIVES.len() - 1);
    if second >= first {
        second += 1;
    }
    let noun = NOUNS[draws.index(NOUNS.len())];
    let name = match length {
        NameLength::Two => format!("{}-{noun}", ADJECTIVES[first]),
        NameLength::Three => format!("{}-{}-{noun}", ADJECTIVES[first], ADJECTIVES[second]),
    };
    SeedName::from_trusted(name)
}

/// The first of `seed`'s two- and three-word names that `registry` does not use yet.
pub fn suggest_name(registry: &Registry, seed: SeedValue) -> Option<SeedName> {
    [NameLength::Two, NameLength::Three]
        .into_iter()
        .map(|length| memorable_name(seed, length))
        .find(|name| registry.seed(name.as_str()).is_none())
}

/// Draws one display name. Patterns, by weight out of ten:
/// 6 `Given Surname`, 2 `Given_Noun42` (number 10-99), 2 `Adjective Noun`.
pub(crate) fn display_name(draws: &mut Draws) -> DisplayName {
    let mut name = String::with_capacity(24);
    match draws.below(10) {
        0..=5 => {
            name.push_str(GIVEN_NAMES[draws.index(GIVEN_NAMES.len())]);
            name.push(' ');
            name.push_str(SURNAMES[draws.index(SURNAMES.len())]);
        }
        6..=7 => {
            name.push_str(GIVEN_NAMES[draws.index(GIVEN_NAMES.len())]);
            name.push('_');
            push_capitalised(&mut name, NOUNS[draws.index(NOUNS.len())]);
            let number = 10 + draws.below(90);
            name.push(digit(number / 10));
            name.push(digit(number % 10));
        }
        _ => {
            push_capitalised(&mut name, ADJECTIVES[draws.index(ADJECTIVES.len())]);
            name.push(' ');
            push_capitalised(&mut name, NOUNS[draws.index(NOUNS.len())]);
        }
    }
    DisplayName::from_trusted(name)
}

fn push_capitalised(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.push(first.to_ascii_uppercase());
        out.push_str(chars.as_str());
    }
}

fn digit(value: u32) -> char {
    char::from_digit(value, 10).unwrap_or('0')
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::given(GIVEN_NAMES, 2, 10, true)]
    #[case::surnames(SURNAMES, 2, 12, true)]
    #[case::adjectives(ADJECTIVES, 3, 8, false)]
    #[case::nouns(NOUNS, 3, 8, false)]
    fn word_lists_are_clean(
        #[case] words: &[&str],
        #[case] min: usize,
        #[case] max: usize,
        #[case] capitalised: bool,
    ) {
        let unique: HashSet<_> = words.iter().collect();
        assert_eq!(unique.len(), words.len(), "duplicate word");
        for word in words {
            assert!((min..=max).contains(&word.len()), "{word}");
            assert!(word.bytes().all(|b| b.is_ascii_alphabetic()), "{word}");
            let starts_upper = word.bytes().next().is_some_and(|b| b.is_ascii_uppercase());
            assert_eq!(starts_upper, capitalised, "{word}");
            assert!(
                word.bytes().skip(1).all(|b| b.is_ascii_lowercase()),
                "{word}"
            );
        }
    }

    fn seed(value: i64) -> SeedValue {
        SeedValue::try_from(value).expect("valid seed")
    }

    #[rstest]
    fn memorable_names_are_stable_and_readable() {
        for value in [0, 1, 42, 2026, i64::MAX] {
            let two = memorable_name(seed(value), NameLength::Two);
            let three = memorable_name(seed(value), NameLength::Three);
            assert_eq!(two, memorable_name(seed(value), NameLength::Two));
            assert_eq!(two.as_str().split('-').count(), 2);
            assert_eq!(three.as_str().split('-').count(), 3);
            let (first, noun) = two.as_str().split_once('-').expect("two words");
            assert!(three.as_str().starts_with(first) && three.as_str().ends_with(noun));
            assert!(SeedName::try_from(three.as_str()).is_ok());
        }
    }

    #[rstest]
    #[case(7814, NameLength::Two, "mossy-owl")]
    #[case(2026, NameLength::Two, "verdant-glade")]
    #[case(2026, NameLength::Three, "verdant-hushed-glade")]
    #[case(42, NameLength::Two, "golden-newt")]
    #[case(1, NameLength::Two, "fleet-creek")]
    fn memorable_names_are_pinned(
        #[case] value: i64,
        #[case] length: NameLength,
        #[case] expected: &str,
    ) {
        assert_eq!(memorable_name(seed(value), length).as_str(), expected);
    }

    #[rstest]
    fn nearby_seeds_get_varied_names() {
        let names: HashSet<_> = (0..200)
            .map(|v| memorable_name(seed(v), NameLength::Two))
            .collect();
        assert!(names.len() > 180, "only {} distinct names", names.len());
    }

    #[rstest]
    fn display_names_use_every_pattern() {
        let mut draws = Draws::new(seed(11), crate::rng::USERS_STREAM);
        let names: Vec<_> = (0..1_000)
            .map(|_| display_name(&mut draws).to_string())
            .collect();
        assert!(names.iter().any(|n| n.contains('_')));
        assert!(
            names
                .iter()
                .any(|n| ADJECTIVES.iter().any(|a| n.to_lowercase().starts_with(a)))
        );
        assert!(
            names
                .iter()
                .any(|n| SURNAMES.iter().any(|s| n.ends_with(&format!(" {s}"))))
        );
    }
}
