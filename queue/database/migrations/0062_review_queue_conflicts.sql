-- Owner: package review. The queue's read model also counts the fields on
-- which the case's documents disagree, so that the queue shows what the
-- case page lists first ("Att titta på").
ALTER TABLE review_items ADD COLUMN field_conflicts int NOT NULL DEFAULT 0;

UPDATE review_items r SET field_conflicts = (
    SELECT count(*) FROM case_fields f
     WHERE f.case_id = r.case_id AND jsonb_typeof(f.candidates) = 'array'
       AND (SELECT count(DISTINCT c->'value') FROM jsonb_array_elements(f.candidates) c) > 1);
