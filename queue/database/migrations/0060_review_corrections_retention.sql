-- Owner: package review. Retention of corrections: corrections stay
-- append-only, with one exception, allowed once per correction: when its
-- personal data is deleted (personal_data_deleted_at goes from NULL to a
-- time), a text value (an edit of the summary's text, a person's name) may
-- be replaced by its redacted form. Which field, the figures, the reason,
-- who and when stay as they were.
ALTER TABLE corrections ADD COLUMN personal_data_deleted_at timestamptz;

CREATE FUNCTION arsflow_text_redacted(old_value jsonb, new_value jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT old_value IS NOT DISTINCT FROM new_value
        OR (jsonb_typeof(old_value) = 'string' AND jsonb_typeof(new_value) = 'string')
$$;

CREATE FUNCTION arsflow_corrections_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.personal_data_deleted_at IS NULL AND NEW.personal_data_deleted_at IS NOT NULL
       AND to_jsonb(NEW) - 'machine_value' - 'corrected_value' - 'personal_data_deleted_at'
         = to_jsonb(OLD) - 'machine_value' - 'corrected_value' - 'personal_data_deleted_at'
       AND arsflow_text_redacted(OLD.machine_value, NEW.machine_value)
       AND arsflow_text_redacted(OLD.corrected_value, NEW.corrected_value) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;

DROP TRIGGER corrections_append_only ON corrections;
CREATE TRIGGER corrections_append_only BEFORE UPDATE OR DELETE ON corrections
    FOR EACH ROW EXECUTE FUNCTION arsflow_corrections_guard();
