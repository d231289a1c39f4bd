-- The public case library (/apply/answers) lists the entries shown in the portal, newest first,
-- a page at a time: an index of those only, so that the list reads them in order without
-- scanning a large library for the few a supervisor chose.
CREATE INDEX library_entries_portal_list ON library_entries (id DESC) WHERE shown_in_portal;
