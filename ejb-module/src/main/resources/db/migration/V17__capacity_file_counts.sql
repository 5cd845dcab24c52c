-- How many rows of a capacity file were refused (at most the first 1,000 are kept, with their reasons).
ALTER TABLE capacity_file_import ADD COLUMN rejected_rows INTEGER DEFAULT 0 NOT NULL;
