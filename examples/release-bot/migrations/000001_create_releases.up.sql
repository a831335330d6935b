CREATE TABLE releases (
    id           BIGSERIAL PRIMARY KEY,
    repo         TEXT        NOT NULL,
    tag          TEXT        NOT NULL,
    published_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    breaking     BOOLEAN     NOT NULL DEFAULT false,
    UNIQUE (repo, tag)
);
