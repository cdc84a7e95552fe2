-- Owner: package extract (the stage: extract/worker; reading back and purging: extract/store). Text, fields, cases and checks produced by the machine.

-- cases: one association, one fiscal year. The unit of review.
CREATE TABLE cases (
    id                 bigserial PRIMARY KEY,
    association_key    text        NOT NULL,  -- org number, else normalised name, else folder
    association_name   text        NOT NULL DEFAULT '',
    org_number         text        NOT NULL DEFAULT '',
    fiscal_year        int         NOT NULL DEFAULT 0,  -- year the fiscal year ends; 0 unknown
    summarize_requests int         NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (association_key, fiscal_year)
);

-- document_extractions: the result of extracting one document (one row per document).
CREATE TABLE document_extractions (
    document_id  bigint      PRIMARY KEY REFERENCES documents (id),
    case_id      bigint      REFERENCES cases (id),
    attempt      int         NOT NULL,
    types        text[]      NOT NULL DEFAULT '{}',
    page_count   int         NOT NULL DEFAULT 0,
    text_sources text[]      NOT NULL DEFAULT '{}',
    error        text,                              -- Swedish, when extraction failed
    result       jsonb       NOT NULL,              -- the whole extract.Document
    duration_ms  int         NOT NULL DEFAULT 0,
    extracted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_extractions_case ON document_extractions (case_id);

-- pages: the text of every page and where it came from.
CREATE TABLE pages (
    document_id bigint           NOT NULL REFERENCES documents (id),
    page_no     int              NOT NULL,
    source      text             NOT NULL,  -- 'pdf', 'pdftotext', 'ocr', 'none'
    quality     double precision NOT NULL DEFAULT 0,
    text        text             NOT NULL,
    PRIMARY KEY (document_id, page_no)
);

-- case_fields: the machine's value of every field of a case, with evidence.
CREATE TABLE case_fields (
    case_id     bigint           NOT NULL REFERENCES cases (id),
    key         text             NOT NULL,
    value       jsonb            NOT NULL,
    document_id bigint           REFERENCES documents (id),
    page        int              NOT NULL DEFAULT 0,
    quote       text             NOT NULL DEFAULT '',
    bbox        jsonb,
    confidence  double precision NOT NULL DEFAULT 0,
    candidates  jsonb            NOT NULL DEFAULT '[]',
    PRIMARY KEY (case_id, key)
);

-- case_checks: flags raised on a case.
CREATE TABLE case_checks (
    id          bigserial PRIMARY KEY,
    case_id     bigint      NOT NULL REFERENCES cases (id),
    code        text        NOT NULL,
    severity    text        NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
    message     text        NOT NULL,
    document_id bigint      REFERENCES documents (id),
    page        int         NOT NULL DEFAULT 0
);
CREATE INDEX case_checks_case ON case_checks (case_id);
