-- Issue 16: the lists an officer opens most, read at a million cases in the order they show.
-- One agency's cases due soon or overdue, sorted by date due: PostgreSQL intersected the index of
-- open cases by date with the index by agency and sorted 27,000 rows to show 50 (57 ms; the
-- count 140 ms cold). Ordered by agency, date due and id, the page reads its 50 rows and the
-- count reads the index alone (0.8 ms and 0.6 ms).
CREATE INDEX cases_agency_next_due_open ON cases (agency_id, next_due, id) WHERE state NOT IN ('replied', 'closed');

-- The officer's own open cases: with the agency beside them the count needs no table rows
-- (row-level security reads agency_id).
DROP INDEX cases_officer_open;
CREATE INDEX cases_officer_open ON cases (officer_id, next_due, id) INCLUDE (agency_id) WHERE state NOT IN ('replied', 'closed');

-- 被退回修改 on the dashboard: in progress with the returned draft still on the case. Asking
-- each in-progress case for its latest event took 180 ms for one agency.
CREATE INDEX cases_returned_for_revision ON cases (agency_id, next_due, id) WHERE state = 'in_progress' AND snapshot ? 'draft';

-- The officer's cases whose dates a calendar import moved (the dashboard): from the few
-- recomputations, not by asking each of the officer's 3,300 open cases (420 ms).
CREATE INDEX case_events_recomputed ON case_events (occurred_on, case_id) WHERE kind = 'recompute_deadlines';

-- The dashboard's lists of one state (等待申请人补正, 征求意见中, 等待缴费), soonest due first.
CREATE INDEX cases_agency_state_due_open ON cases (agency_id, state, next_due, id) WHERE state NOT IN ('replied', 'closed');
