-- Owner: package review. An approval keeps the field values the handläggare
-- approved, so the export shows what was approved even if the machine's
-- values change later (a late document re-forms the case before its new
-- summary reopens the review).
ALTER TABLE decisions ADD COLUMN fields jsonb;
