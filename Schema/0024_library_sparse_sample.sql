-- A search whose words are in most entries (a question's 申请, 公开; 政府信息公开) read the
-- whole text index to count its hits in the sample of one entry in 16, and then every sampled
-- entry's index out of line: 0.75 to 2.5 s at a million entries (issue 15). This index holds one
-- entry in 256 only (a sixteenth of a sixteenth of the text index, built in seconds), so that
-- such a search is counted in 4,000 entries and a word found in any entry is found here first.
CREATE INDEX library_entries_search_sparse ON library_entries USING gin (search) WHERE id % 256 = 0;
