-- Ledger imports of a million rows (issue 5). Measured on a million rows: a COPY with every
-- index in place took 11.8 s; the COPY alone 1.2 s (binary format, no indexes) and each index
-- built afterwards about 0.6 s. So an import rebuilds the indexes after its COPY, and the table
-- keeps only the one index that guards it.
--
-- The report indexes go: a year's report reads most of the ledger anyway (everything received
-- by the year's end and not disposed before it began), and with a million ledger rows tables 三
-- and 四 took the same time with them (0.15 and 0.13 s) as without (0.14 and 0.13 s).
DROP INDEX ledger_cases_report_by_receipt;
DROP INDEX ledger_cases_report_by_agency;
-- Case numbers are compared byte by byte: with the "C" collation the unique index sorts with
-- memcmp and abbreviated keys instead of strcoll (1.1 s against 1.5 s for a million), and
-- uniqueness means the same, as C.UTF-8 and every deterministic collation treat only identical
-- strings as equal.
ALTER TABLE ledger_cases DROP CONSTRAINT ledger_cases_case_number_key;
CREATE UNIQUE INDEX ledger_cases_case_number ON ledger_cases (case_number COLLATE "C");
-- Nothing refers to a ledger row but by its case number; the surrogate key and its index only
-- cost an import time.
ALTER TABLE ledger_cases DROP COLUMN id;
