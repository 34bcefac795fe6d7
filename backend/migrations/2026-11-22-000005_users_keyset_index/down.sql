DROP INDEX users_created_at_id_idx;
