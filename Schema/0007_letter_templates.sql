-- Letter templates (管理 → 文书模板): what an office adds to every letter of a kind — contact
-- person, telephone, address, office hours — edited by an administrator. Placeholders:
-- {机关} the agency's name, {案件编号} the case number.
CREATE TABLE letter_templates (
    kind text PRIMARY KEY,
    closing text NOT NULL,
    updated_by bigint REFERENCES users (id),
    updated_at timestamptz NOT NULL DEFAULT now()
);
