-- Owner: package summarize. Every version of every summary is kept.
CREATE TABLE summaries (
    id              bigserial PRIMARY KEY,
    case_id         bigint           NOT NULL REFERENCES cases (id),
    version         int              NOT NULL,
    backend         text             NOT NULL,   -- 'rules', 'openai', ...
    backend_version text             NOT NULL,
    model           text             NOT NULL DEFAULT '',
    location        text             NOT NULL CHECK (location IN ('internal', 'eu', 'external')),
    prompt_version  text             NOT NULL DEFAULT '',
    input_hash      text             NOT NULL,   -- sha256 of the summariser's input
    cache_key       text             NOT NULL DEFAULT '',
    sections        jsonb            NOT NULL,   -- the uniform structure, with references
    body            text             NOT NULL,   -- the summary as plain Swedish text
    flags           jsonb            NOT NULL DEFAULT '[]',  -- grounding and other flags
    fallback        boolean          NOT NULL DEFAULT false, -- rule-based because the AI failed
    tokens_in       int              NOT NULL DEFAULT 0,
    tokens_out      int              NOT NULL DEFAULT 0,
    latency_ms      int              NOT NULL DEFAULT 0,
    energy_wh       double precision NOT NULL DEFAULT 0,
    created_at      timestamptz      NOT NULL DEFAULT now(),
    UNIQUE (case_id, version),
    UNIQUE (case_id, backend, input_hash)
);
CREATE INDEX summaries_case ON summaries (case_id, version DESC);
-- The cache: an identical input with the same backend, model, prompt version
-- and location has the same cache key.
CREATE INDEX summaries_cache_key ON summaries (cache_key) WHERE cache_key <> '' AND NOT fallback;
