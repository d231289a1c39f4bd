-- 三员分立 (issue 13): a security administrator who grants roles and agencies, beside the system
-- administrator and the auditor; none of the three works cases.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('officer', 'supervisor', 'administrator', 'security_administrator', 'auditor'));
