-- Issue 17 ¶1: the portal shows applicants, while they write, the published answers most like
-- their request. The library is the staff's; a supervisor chooses which entries the public may
-- read (de-identified, as every entry made from a case already is: domain.md §9).
ALTER TABLE library_entries ADD COLUMN shown_in_portal boolean NOT NULL DEFAULT false;
CREATE INDEX library_entries_portal_search ON library_entries USING gin (search) WHERE shown_in_portal;
