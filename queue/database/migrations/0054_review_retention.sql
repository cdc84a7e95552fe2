-- Owner: package review. Retention: decisions stay append-only, with one
-- exception: the quotes from the documents in an approval's field snapshot
-- (evidence, which can hold names) may be removed, and nothing else changed.
-- The approved values and the decision itself are kept.
CREATE FUNCTION arsflow_without_quotes(fields jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(fields) = 'object'
                THEN (SELECT coalesce(jsonb_object_agg(k, CASE WHEN jsonb_typeof(v) = 'object' THEN v - 'quote' ELSE v END), '{}'::jsonb)
                        FROM jsonb_each(fields) AS e(k, v))
                ELSE fields END
$$;

CREATE FUNCTION arsflow_decisions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND to_jsonb(NEW) - 'fields' = to_jsonb(OLD) - 'fields'
       AND NEW.fields IS NOT DISTINCT FROM arsflow_without_quotes(OLD.fields) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;

DROP TRIGGER decisions_append_only ON decisions;
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION arsflow_decisions_guard();
