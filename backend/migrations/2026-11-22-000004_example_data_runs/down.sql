DROP TABLE example_data_runs;
