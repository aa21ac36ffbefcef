from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "object_type" VARCHAR(32) NOT NULL,
    "object_id" BIGINT NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "actor_id" INT,
    "actor_name" VARCHAR(64) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "from_state" VARCHAR(32),
    "to_state" VARCHAR(32),
    "reason" VARCHAR(500),
    "changes" JSONB NOT NULL,
    "version" INT,
    "request_id" VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS "ix_audit_object" ON "audit_event" ("object_type", "object_id", "id");
CREATE INDEX IF NOT EXISTS "ix_audit_actor" ON "audit_event" ("actor_id", "id");
COMMENT ON COLUMN "audit_event"."version" IS 'the record''s version after the change';
CREATE TABLE IF NOT EXISTS "code_counter" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "prefix" VARCHAR(8) NOT NULL,
    "day" VARCHAR(8) NOT NULL,
    "value" INT NOT NULL,
    CONSTRAINT "uid_code_counte_prefix_55e612" UNIQUE ("prefix", "day")
);
COMMENT ON COLUMN "code_counter"."day" IS 'YYYYMMDD in the company''s time zone';
CREATE TABLE IF NOT EXISTS "custom_field_definition" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" SERIAL NOT NULL PRIMARY KEY,
    "key" VARCHAR(64) NOT NULL UNIQUE,
    "label" VARCHAR(100) NOT NULL,
    "field_type" VARCHAR(16) NOT NULL,
    "choices" JSONB NOT NULL,
    "required" BOOL NOT NULL,
    "active" BOOL NOT NULL
);
COMMENT ON COLUMN "custom_field_definition"."version" IS 'optimistic-lock version, +1 per change';
COMMENT ON TABLE "custom_field_definition" IS 'A company-specific customer field (B2C: purchase frequency; manufacturing: …).';
CREATE TABLE IF NOT EXISTS "department" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(100) NOT NULL
);
COMMENT ON COLUMN "department"."version" IS 'optimistic-lock version, +1 per change';
COMMENT ON COLUMN "department"."code" IS 'stable key, e.g. east';
CREATE TABLE IF NOT EXISTS "app_user" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" SERIAL NOT NULL PRIMARY KEY,
    "username" VARCHAR(64) NOT NULL UNIQUE,
    "display_name" VARCHAR(100) NOT NULL,
    "role" VARCHAR(32) NOT NULL,
    "email" VARCHAR(200),
    "active" BOOL NOT NULL,
    "department_id" INT REFERENCES "department" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_app_user_role_36bbed" ON "app_user" ("role");
COMMENT ON COLUMN "app_user"."version" IS 'optimistic-lock version, +1 per change';
CREATE TABLE IF NOT EXISTS "customer" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "industry" VARCHAR(100),
    "contact_name" VARCHAR(100) NOT NULL,
    "contact_phone" VARCHAR(50),
    "contact_email" VARCHAR(200),
    "contact_wechat" VARCHAR(100),
    "needs_summary" VARCHAR(50),
    "stage" VARCHAR(16) NOT NULL,
    "stage_entered_at" TIMESTAMPTZ NOT NULL,
    "last_follow_up_date" DATE,
    "deal_amount" DECIMAL(16,2),
    "lost_reason" VARCHAR(500),
    "notes" TEXT,
    "custom_fields" JSONB NOT NULL,
    "created_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "department_id" INT REFERENCES "department" ("id") ON DELETE RESTRICT,
    "owner_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "ix_customer_dept_stage" ON "customer" ("department_id", "stage", "id");
CREATE INDEX IF NOT EXISTS "ix_customer_owner_stage" ON "customer" ("owner_id", "stage", "id");
CREATE INDEX IF NOT EXISTS "ix_customer_stage" ON "customer" ("stage", "id");
CREATE INDEX IF NOT EXISTS "ix_customer_industry" ON "customer" ("industry");
CREATE INDEX IF NOT EXISTS "ix_customer_name" ON "customer" ("name");
COMMENT ON COLUMN "customer"."version" IS 'optimistic-lock version, +1 per change';
CREATE TABLE IF NOT EXISTS "customer_source" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "source" VARCHAR(32) NOT NULL,
    "customer_id" BIGINT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_customer_so_custome_2db298" UNIQUE ("customer_id", "source")
);
CREATE INDEX IF NOT EXISTS "ix_customer_source_source" ON "customer_source" ("source", "customer_id");
COMMENT ON TABLE "customer_source" IS 'One row per source of a customer (客户来源 is multi-valued).';
CREATE TABLE IF NOT EXISTS "customer_stage_change" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "event" VARCHAR(32) NOT NULL,
    "from_stage" VARCHAR(16),
    "to_stage" VARCHAR(16) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "reason" VARCHAR(500),
    "deal_amount" DECIMAL(16,2),
    "actor_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "customer_id" BIGINT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "ix_stage_change_customer" ON "customer_stage_change" ("customer_id", "at");
CREATE INDEX IF NOT EXISTS "ix_stage_change_to_stage" ON "customer_stage_change" ("to_stage", "at");
COMMENT ON TABLE "customer_stage_change" IS 'Every entry into a stage: the deal-cycle and funnel figures are computed from it.';
CREATE TABLE IF NOT EXISTS "follow_up" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "follow_up_date" DATE NOT NULL,
    "method" VARCHAR(32) NOT NULL,
    "summary" VARCHAR(100) NOT NULL,
    "feedback" VARCHAR(16) NOT NULL,
    "next_action" VARCHAR(200) NOT NULL,
    "due_at" TIMESTAMPTZ NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "status_reason" VARCHAR(500),
    "completed_at" TIMESTAMPTZ,
    "assignee_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "completed_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "created_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "customer_id" BIGINT NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "ix_follow_up_customer" ON "follow_up" ("customer_id", "id");
CREATE INDEX IF NOT EXISTS "ix_follow_up_assignee" ON "follow_up" ("assignee_id", "status", "due_at");
CREATE INDEX IF NOT EXISTS "ix_follow_up_status_due" ON "follow_up" ("status", "due_at");
COMMENT ON COLUMN "follow_up"."version" IS 'optimistic-lock version, +1 per change';
COMMENT ON COLUMN "follow_up"."follow_up_date" IS 'the day of the contact (company time)';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXW1T67gV/iuefCl3CgwECOxtpzNJyN1NF0gHctvt7t3xKLYSXBzb6xcgveW/V5LfX5"
    "GCHWyh/XCX2DqS/Zxj6ZyjR9L33tpUoe4cDj1VcyeP0HB7n6XvPQOsIfqj4O6+1AOWFd/D"
    "F1yw0ElxgMvJMCq4cFwbKLjKJdAdiC6p0FFszXI100BXDU/X8UVTQQU1YxVf8gztDw/Krr"
    "mC7j200Y3ffkeXNUOFz9DBP7/3lhrUVfJ3z1z8Byqu7G4siBsOfmoq/oH+xaLw2bKh46CG"
    "nbC28C21Z9l/cl+OvBKuCd3qEUn0FuTHy76Uaha9m2mzN0PEKlrBQtaDTBpKqcNviVyXQ9"
    "mRtpoa7hdSFmO5kBVT99ZGXN7auPemEQlovnJW0IA2cCFuwbU9rByMfaDKUF++HuIivgIS"
    "MipcAk93E8pcyPG1nizfzOby3WQuyz0G9SsIPgQHelSHALDCj3DwQ79/cnLePzoZXJydnp"
    "+fXRxdoLLkefO3zl/8h4nR8qsimE1/nN7MiaUg+/RtF194ITLABXKs5Bj9jJGl1TC+B3ax"
    "EjJiGW2g18xqI8S+Sh3hhVgf8Re2C4WswbOsQ2Pl3qOfJ/0KrP85vB3/NLzdO+l/SgN+E9"
    "zpk1sv5NvKQM1q7ymx182+C0Dv0PJj+FEHhZ+TwchjCQ7te3BKYd+D01L7xrdyAEcDRxri"
    "UttOimxl2kGH3RqIfcvuH5+en16cDE4jg46uVNlxoc0ifMgvNrtNSAnbpbFdNw/wJYLH1d"
    "awBGS3AFw1EDkM/+gg1BXQzqfXk7v58PofuPq14/yhE5yG8wm+0ydXN5mre4OMGqJKpH9N"
    "5z9J+Kf06+xmQuA0HXdlkxbjcvNfsY+K/HDXlA3zSQZqEpPwcngppdalba5lx0Xgs3w/aa"
    "mtvp+29UsNuzZIBcwoJ2UExq9jbEPgsPkvsQR/+J4dHVEAjEqVIkzupSFW7oGxgk4e47/f"
    "zW6KMU6IZMcCTXGl/0m65jTmo/f+uvQM4qRKC0/TXc1wDnGzf+vtfmzAEKWGhRDpvevhL1"
    "kljK9mo2x/jysYZRTyCG2n0Gkv9SgTEi12KHvuPZRsqJi2+idHCp5ZAksX2hK+5VtV7118"
    "ThuiN3eK49SqviYpxV9/U4/LiZNgy4dEIgZfWADl4QnYqpy7Y/bNsrL5W+v+OnsFGGBFgM"
    "NviJ8/SH2O0f/Gpme4JAmZy4wmb+9XpUYVdAnZQFyy1tzobz3LhkvtmegQbHq/Z5KlTBnF"
    "j5JOfGM3UJ4ojHVB2yXEEhyGoBcU3cFFaW9wkfU8sH0zQBsUbzOuvX+j/66vLy8lzfDHNH"
    "NtAWODxjscGEv/NQ3aAa5J4B+B7hWELeX+RVh+d5nYoxb3GG0Z0DzHNddEY5eo0zG0AIv8"
    "0FZYsHqQIyIBBmpa6LXxrjcMzf7AsaCiLTVF8utDjh6pUdob9cefJcuzkc/nQGlJHClD2f"
    "xFQm/rLVHtHtbiZ+mb1z/qDz4dZj+aptp4fbZSDMC7HIB3Hwtt1VsdMw4TJvprjWJkTTnQ"
    "TeUhDIb2pT8fSxay4PcMhRQbYnRk9uxwWpLDLDFOLqkzQ98EX1lHssZBh1CZNPYsdUutpy"
    "WF1tui9YK5guDpY60/QCYPPChejwf+vuNWw1Nr6K2hzgJtJNDm8GZLeI+p0tbHFWnr43za"
    "OgEsA8xpKR6xHtBAne1yEkgP8vMDpqawzg9EIu2YH8DtcTM/gAMZzYZFjCrT1CEwypPVoV"
    "hGKwsk15Q6oiu7RX40m12lkB9NM2Spm6/Xown6FogaUCHN9QOLQg7VY0EvU4l2LLRDrMMR"
    "tFNQtyqbUjI3EN7bfz1n0sSkQBVhWoUWsN01NMJpKMcFfuhIxWMOHxpZjOXKkSwda9p8Qj"
    "b8tmb9Khjb3bItxlYQ4kjS3rA0EclQt0JqYWghZLgJxnn7eLcijyXyWJ0IGbqZ0RB5rI+o"
    "dZo8FuZksKQBwvLcZbLqZ2Cy8vA5ZuD3qfJY/Yo8Vj+fx0p6jLQYJ2X4Y501ki5ELbooHm"
    "NeVpKV49CsG8Xbug8oL6yAR4L8GfgZHYu7gsRdhjZcA41p2iEnyB/ajfTaIW5PEIU4Ba7m"
    "64jHkvxB3kiPYkCoOrLjrdeAbbTMCfIHeP09SpQro0U5EuBxhKx9Uo2gJUPMId8qWC2S5z"
    "Bk7W6Ims9M6MBx5aWp60jMs2S1cOUg1noZQaBQvErp3evVKvSNdZjlj0Ogy2CNl2IUIAkV"
    "bQ30Eip5WjILoi96GFTBF4yT8fR6eIW6pP1+Zjou7MhOc4OBjj4FmX0pZkaMx2G3gfWYhu"
    "kWsS3m8LlkpiAS4AHgqh5/8ss81dnnyBRRh381u/kxLJ5lWGQc+QTRnY3jkhVsB9OFq5Ww"
    "4UTMYsO2w0pOrsWrYndMtU+OnhniACW4OTkBbh7cJDOCEtekCE87XtW71CoDcR7fL6YNtZ"
    "XxM9wQmKfokYChFPnKAbnnqwO7GKG+hPYTXo0/Khs8RQSQlFmhl0evDH137xZFNLfT8bxX"
    "0ivUAO1lqrJu9Qi0+Oa6QwqQ4/Fpd/bbUXhzQ3kKXvQU0s3Xqyuf91RMGkwkXUzPVqCsa8"
    "ZDgas3CqS//HwLdVCyCV6GEHhHarxCFXLUgxQkqkr3iNkKNFzlOGIG8YhalKd5I2RfSD1f"
    "LZ5w2gWJN/FdVtB501/v68Re2e9ASOFXF0HPDCjZ5hOhwflykrmUQLxKee+bd7YA/W/eoH"
    "9yjv49H5yhf+EPR5LmSGukC+2ArLtXC1Y/11154UYkManVJ/j6L5/dkCRNzI0ASgqzUHT9"
    "LjquR9Bcu0RzjfVGPW0USXA4b1Q/GyvzTdLbeUaQpwBzBzZfEYYmV3280ZNPLjPpmCqo3f"
    "m0Gaac+fHwbjy8nFT58jvxHRLuaZXzkPZiabyHhCtN50NMHqG9kVBoif5FmJpohCeVfCZ7"
    "C+FJrANlgwxVAoYqLT3DgLq01FYeGmklYPu7D3nIhiS8uaukuXlHopEWGFcwZWwCuBQOQx"
    "JLOfkJ0i268bdhDdTA3F5SWvgnbeurq/yT6EATWvckEhDeCYV3Eu4hzcYcSkvxMInZNHso"
    "2QHRopyU4dCY6wdZ7I7PJQ1L7CjeOINF8LJ2xMsSh8/Uv2pYJFhEgqWFqqg1wZLrQ8Q09C"
    "uwJrtN5hnoJrNWCYpFQbIqTcAoz1GlWR+Nbl7DlBn5KGkRsX8uE7xi35FuxpEd3YFC7Dvy"
    "EbVekE34APuOYMIXak56gJt9CR6uDiUI/BUM759eFluR1L/COhd40RApwyCjJkIgP2FDek"
    "hw3owQX0FVo9S/iCpZEAYlaZTlQVBE2mw8Bqqa/qbiy8XrgNnnvgGqdWVAGO/b6XoECBU9"
    "NNVkeNx6WBd9629qzheWVU9Mvbcyi7cvIlERiXbDm+pmTCIi0Y+o9Y8ZibaH1bT1ni21b9"
    "eyow+KnNSsgg1eVOKfYkn2LJP2gjP3yGGWn+gGtao57/yWLmvkMptMZzDHEhyG+fUb8xb7"
    "p71157R2Q9zM4UQQqjisZYE5KcMjzrUT9AwU9MlAcQujiqrtAFNiHELdyI6XQbjO6FLGUh"
    "y6k911H/NRQ5yXoR4WIgkOP6FGdnzEuSt2+mlOULBQqVio2FfFLJ2t8h8Z2Ro6r5YpgKe+"
    "K5PRpmXCpqV4ImzWl0GMvgPmLdjykoJuXJ6ifZ8d7rg3X0HmFmTuFqqiDjJ3e3YW6yy6lV"
    "uLFeObnPAW6FYy5tPuFY3tJlyG3eHbMgeD2njz/lWr1iUQ9AuoOKFWymk46I7sOTs4Rles"
    "RBArEQT/Q/A/OsQEEPyPj6h1Gv4HHjFZ+fFJGe54IINTipTy4LQ0o4xvZWbANMfSwYb5CM"
    "msHI/TJU1MotumzoRzWL4pfHniNDEfFCkOiGSbLscEg8cC8x2ZyEqBUTIlEQllUF4gqaY6"
    "idCsdzvJNJrNrlJD62iaPa3n6/VogjqNzG4o4iCT9zx0QxwP0dDxEFTL7oKoTCy/KwE/1S"
    "3gg0/eA6u2eWpUYAXZWlUWJxfQAWZDxbRVAVglYE0mmIfQ1pT7XkGKObizX5lkjsuIFHOX"
    "fJP9bVLM5WFNeY6Zh7C8f3ZGE9mcnZVHNvheJrKxLBaEg+IcottI0gMvtSn0ritOIo1Fdn"
    "8G6ftQFGs7bZRh+4v6B7OX/wP/ORAl"
)
