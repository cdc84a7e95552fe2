-- Owner: package review. Retention: decisions stay append-only, with one
-- exception, allowed once per decision: when its personal data is deleted
-- (personal_data_deleted_at goes from NULL to a time), the quotes from the
-- documents in the approval's field snapshot are removed, and the approved
-- summary's own text, where a decision keeps one, may be replaced by its
-- redacted form. The approved values and the decision itself stay.
ALTER TABLE decisions ADD COLUMN personal_data_deleted_at timestamptz;

CREATE FUNCTION arsflow_without_quotes(fields jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(fields) = 'object'
                THEN (SELECT coalesce(jsonb_object_agg(k, CASE WHEN jsonb_typeof(v) = 'object' THEN v - 'quote' ELSE v END), '{}'::jsonb)
                        FROM jsonb_each(fields) AS e(k, v))
                ELSE fields END
$$;

CREATE FUNCTION arsflow_decisions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.personal_data_deleted_at IS NULL AND NEW.personal_data_deleted_at IS NOT NULL
       AND to_jsonb(NEW) - 'fields' - 'summary_body' - 'personal_data_deleted_at'
         = to_jsonb(OLD) - 'fields' - 'summary_body' - 'personal_data_deleted_at'
       AND NEW.fields IS NOT DISTINCT FROM arsflow_without_quotes(OLD.fields) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;

DROP TRIGGER decisions_append_only ON decisions;
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION arsflow_decisions_guard();
