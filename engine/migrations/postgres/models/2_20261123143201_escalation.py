from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "deadline" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(32) NOT NULL,
    "object_id" BIGINT NOT NULL,
    "generation" INT NOT NULL,
    "due_at" TIMESTAMPTZ NOT NULL,
    "next_step" INT NOT NULL,
    "next_at" TIMESTAMPTZ,
    "status" VARCHAR(16) NOT NULL,
    "owner_id" INT,
    "department_id" INT,
    "met_at" TIMESTAMPTZ,
    CONSTRAINT "uid_deadline_kind_bcc2be" UNIQUE ("kind", "object_id")
);
CREATE INDEX IF NOT EXISTS "ix_deadline_due" ON "deadline" ("status", "next_at");
CREATE INDEX IF NOT EXISTS "ix_deadline_overdue" ON "deadline" ("status", "due_at");
CREATE INDEX IF NOT EXISTS "ix_deadline_owner" ON "deadline" ("owner_id", "status", "due_at");
CREATE INDEX IF NOT EXISTS "ix_deadline_department" ON "deadline" ("department_id", "status", "due_at");
COMMENT ON COLUMN "deadline"."version" IS 'optimistic-lock version, +1 per change';
COMMENT ON COLUMN "deadline"."generation" IS '+1 each time the deadline moves';
COMMENT ON COLUMN "deadline"."status" IS 'active | met | done';
COMMENT ON TABLE "deadline" IS 'One deadline of one record and where its escalation ladder stands.';
        CREATE TABLE IF NOT EXISTS "house_rule_run" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "rule" VARCHAR(32) NOT NULL,
    "period" VARCHAR(16) NOT NULL,
    "ran_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_house_rule__rule_312360" UNIQUE ("rule", "period")
);
COMMENT ON TABLE "house_rule_run" IS 'A house rule (daily reminder, weekly digest) ran for a period: once, in any worker.';
        CREATE TABLE IF NOT EXISTS "outbox" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "processed_at" TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS "ix_outbox_pending" ON "outbox" ("processed_at", "id");
COMMENT ON COLUMN "outbox"."kind" IS 'escalate | publish | event';
COMMENT ON TABLE "outbox" IS 'A side effect written with the change that causes it, carried out after commit.';
        CREATE TABLE IF NOT EXISTS "escalation_step" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "generation" INT NOT NULL,
    "step" INT NOT NULL,
    "due_at" TIMESTAMPTZ NOT NULL,
    "applied_at" TIMESTAMPTZ NOT NULL,
    "actions" JSONB NOT NULL,
    "deadline_id" BIGINT NOT NULL REFERENCES "deadline" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_escalation__deadlin_ddd804" UNIQUE ("deadline_id", "generation", "step")
);
COMMENT ON COLUMN "escalation_step"."due_at" IS 'when the step was due';
COMMENT ON TABLE "escalation_step" IS 'A ladder step that was applied. The unique key proves no step is applied twice.';
        CREATE TABLE IF NOT EXISTS "webhook_endpoint" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" SERIAL NOT NULL PRIMARY KEY,
    "url" VARCHAR(500) NOT NULL,
    "description" VARCHAR(200),
    "event_types" JSONB NOT NULL,
    "secret" VARCHAR(128) NOT NULL,
    "active" BOOL NOT NULL,
    "owner_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT
);
COMMENT ON COLUMN "webhook_endpoint"."version" IS 'optimistic-lock version, +1 per change';
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "outbox_id" BIGINT NOT NULL,
    "event_type" VARCHAR(64) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ,
    "last_status_code" INT,
    "last_error" VARCHAR(500),
    "delivered_at" TIMESTAMPTZ,
    "endpoint_id" INT NOT NULL REFERENCES "webhook_endpoint" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_del_endpoin_96141b" UNIQUE ("endpoint_id", "outbox_id")
);
CREATE INDEX IF NOT EXISTS "ix_webhook_due" ON "webhook_delivery" ("status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "ix_webhook_endpoint" ON "webhook_delivery" ("endpoint_id", "id");
COMMENT ON COLUMN "webhook_delivery"."version" IS 'optimistic-lock version, +1 per change';
COMMENT ON COLUMN "webhook_delivery"."outbox_id" IS 'the change it reports (one delivery each)';
COMMENT ON COLUMN "webhook_delivery"."status" IS 'pending | delivered | dead';
        CREATE TABLE IF NOT EXISTS "webhook_attempt" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "attempt" INT NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "status_code" INT,
    "error" VARCHAR(500),
    "duration_ms" INT NOT NULL,
    "delivery_id" BIGINT NOT NULL REFERENCES "webhook_delivery" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_att_deliver_c5bae4" UNIQUE ("delivery_id", "attempt")
);
        ALTER TABLE "customer" ADD "flag_reason" VARCHAR(200);
        ALTER TABLE "customer" ADD "flagged_for_reassignment" BOOL NOT NULL DEFAULT False;
        ALTER TABLE "task" ADD "flagged_for_reassignment" BOOL NOT NULL DEFAULT False;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "customer" DROP COLUMN "flag_reason";
        ALTER TABLE "customer" DROP COLUMN "flagged_for_reassignment";
        ALTER TABLE "task" DROP COLUMN "flagged_for_reassignment";
        DROP TABLE IF EXISTS "escalation_step";
        DROP TABLE IF EXISTS "house_rule_run";
        DROP TABLE IF EXISTS "webhook_delivery";
        DROP TABLE IF EXISTS "webhook_attempt";
        DROP TABLE IF EXISTS "webhook_endpoint";
        DROP TABLE IF EXISTS "deadline";
        DROP TABLE IF EXISTS "outbox";"""


MODELS_STATE = (
    "eJztXftz27i1/lcw+qXOXG3G1jqON+10xq/dupvEncS5u7fNHZYiIYk1Rah82NHt7v9+Af"
    "AFkiAFSKREQuhMs7KIQ1AfQOA8vnPwn9ES2dANXl+tVj56Nt1baDmBg7zRO/CfkWcuIf5Q"
    "22YMRuZqlbcgX4Tm1KVCZtLasNnm0yD0TSvEDWamG0D8lQ0Dy3dWYdypF7ku+RJZuKHjzf"
    "OvIs/5dwSNEM1huIA+vvCPf4x8FHm24djk3i58hu7of/8Xf3Q8G36DAWnzn9HMga5NP48s"
    "c7kynbmXSMTSHkp+CH5c6JNL5Bbw28qHAXluKkq+SuFwvmW/yaC3oL97vaIXR1QW/0j6x+"
    "9jUHgAthfynFJ9pcIN3RHR1ZNBeywMYdwf/d5IZa+d+b0X/kjbEsynhoXcaOnl7VfrcIE7"
    "TgUcLyTfzqEHfTOEpIfQj8ggkjFKBj4d13i88ibxmDAyNpyZkRsygz418u9GhvHx4dH4fP"
    "doGCOJaWJhEDEc+FEDCsCcPMJ3P0wm33//dnL6/cXlm/O3b99cnl7SGYOvVS+9/T1+mByt"
    "+FYUs/uf7j8+kgdCeB7HM5188TuVMUPTyEc7R5+daMUxqB0AVmTzMKSgN41D+kU+EPkruL"
    "+RmJydvz2//P7iPBuA7Jsm3FOMc0zj110c0Ky9RpODpo+wdAXMm4Xp103PuH0JTPyIQwRz"
    "aX4zXOjNwwX+8/tJA3L/ffXp5i9Xn06+n7wqLgIfkysTeqkILrsDigLMyigI8tmFAMhnF7"
    "Ugk0tFkC20XML4XRbFmBHZCuJkI+spwqenpyIY42b1KNOLRZxNDsS3GKPQWUI+zCYPYTsR"
    "eZ1+GOCUboD38f7D3efHqw9/I7dfBsG/XYrT1eMduTKh365L356Up3t2E/DL/eNfAPkT/P"
    "3h4x2FEwXh3Kc95u0e/040zpEZhQirDi+GabOYpF+nXxWHtaiZCm6qJSm9tXK21pLRIa6D"
    "lwRVAncv+ng+BBi2KVyY7sxAM7kJzpHcahz6tlW0rj7mdrj4BGel9OyWmt3E0J891Rub1Y"
    "H4EfkQLyY/wzUdjHv84KZn8ZT4krvnU3q/gQ3G7+l0S7/NX0PffMl8JIVZiFHAvx2GseJ4"
    "9fnm6vZuxF3NWwD4hrmVotiWtrDN8LI+rh3h/RLAIdpJotCWVK8CtJ+wOvjp/uZxVLsL7g"
    "/fnu18ovByNv4aiMlSPDWtpxfTt43CmkyuoAkqfZO1rV5aTpblb0zPnFOUyM8hD19xxrtw"
    "boYbXfZZq7Gg074gsMltP7ryQDoh/xAAMnXs7xwPzJAPTPCCxxq9ADQDtrkOwAmKQvIHms"
    "0cC756PSoN3M4344QKmqICyW+FyTDj3+k803mPe/bDwIgxgJ5NP4o47FPs0o9w6whB8jBS"
    "neo4QZ81t3FDnAAPGt9PWIs/I7E/DfpMbhBGCH9aOkHoWN+5yHoCyUOPwX+dgRX0gbUwvT"
    "ksLwN7ss59SNAx5N1aRUkF3Vsj/APtB89dJ+/iQNxdybLR6O2KVvaWo16U1KPel1HnODmT"
    "p89HvbCfVwedP+AFoabxHuBYN4wtGa/SUplqQBLgMSJHDV2uU5ZUK4RcaHo1zvVMqITdFE"
    "t1BVmqdO0XsuuHh/eFReT6vqQ8ffzy4fru08kZXT1wIyes8fXqQEZXqlLJThJEtiSlkd3s"
    "wdVOsDacYFz/ImuQa2iboC29t3xoD+v7iiMTDW6vLHQh4PHKwiabnV0PHgRBNMUmLTFjif"
    "fJBNPInsPwHXhZmCF4MYO4QYinxRiECwjw7UMInBAsoyAEKzMI4u+xhlR1gHXRAZc/W0eI"
    "LbNotb+ol/4izSttX8vJXqstnANlWQXdA8N1B1S9QCEKTQ6FmOQ3LE2XP8SZTHlsY6HXib"
    "BaI3t7d3P/4er9ydnFeFIywFIe4XmFKOg6Hgyq6P7188PHGoZ2KlCG1rFC8BtwnaCz9Wn0"
    "p1nkWQQxvM86buh4wWvS359HcmCPyI4b79SA/hzAbtRiHu6GcSDYFV6ulKp58uHq1zKL8+"
    "b9w3X5rSE3uK5yd3j6cP04ZQIDHqfUcACEyI41JZodAKZrkKUJ9G+gMOwWWkrR9BkRBRnO"
    "7XPIXRRsFwtiBVvY9XuGu0qbvqbjHpyOm6vJ07WcM5EjqdI4dOVQ1KTFkYTnS5q0yM5K7V"
    "jcBC/nHZZm1lVz6ziWxnUi+uPPn6Cbcdmayc5sbrsi+P/eqSs2sp3w7hnS3qp+2PzquNEJ"
    "S9oZMGvYapWAJuofmv4LWmE8GQhK8Z8Syfnxk8dy9CeJkfysEEnVAIi7oWINvWgvbS+9tK"
    "VJJmy7FcUUTAJuP9O68AKLz/eCmEoK5Z4Ve9NKd1nRSZ5LKDi/L84F5vfFee38JpcqACNZ"
    "ZgsjolMXuXMW40P/kpu3jJSeuyJzVxcOUNGfNvPR0sAmLS+GUP/+FKXU8023r9rgIZBGmZ"
    "XRGG/G2IdmIKe/5BLq4ftGqIDMm4b6MW+q5WPiXB+puDAj0o+II+lWNuLYxt7QSVRx/zln"
    "+5n0NBTvQwv59h+CNOUMmLMQ+pQXd8ikMx/iXx7w7dSmtYaVUm+9aUflrIRBDsNRvaYkkP"
    "eOB0ccxyhzddzkGI2pJIabNtybY7QUAxFyUjIPa7ARJ+2t7J/PRucg6xzkIVjKA81G1TnI"
    "xzjqHH9JJQfZwqMwRz6HJ9BQp5SRUdDV2EXB3fyxJHAuiSkI9UTIpJ80mPQTTkXYJYp4hX"
    "cbefS5kCbSQxb8KpFeMxb7VmJR8+mYed4On+4wVnqGPsdGZ0em3kJnp8L+zPMsazV370PP"
    "xnc00sL8NlyZfkjKm8uY8PlQeVNEioqtZFhNGx9qi2cQ737HX5yLi3eJXjy5s1yy3qikeE"
    "e0CI1BS6VIdEKltAemj5vLWHtgtAdmELv8QG1x7YE5xlEX8sBgJU7K+5K0b8cdcNj9rWO/"
    "iyyLTmH+XCeelkyzk+WSVwQVRLwDypXpk4AmSb6AiREvzLyqiqoXsO+EIMSYOtxNmY93Ue"
    "qoa01im1saPlbmqMHDkOAfgqdqiHw5klpZsB9UtW2KY/SWqva0cgzThfhFDxe42QK5HD9F"
    "Y9Sh5g6HCUGMTl9PDjA0aQziYnwuHIJIqD3bFEwqix4K6wMiLRXtqXpRhXNSqv5X9bS89o"
    "u+VCtAimZWVQT353w77QrstrOrUoxkj2uuCvaZa0xvB/AjobQWp0dYx1mlrP0DXw69iC4i"
    "ZTn1rJb27cSelYzsGfrDdR1WPcZJ2Th7K02oKryzLjScod5BF9rqvSqJ6teqz69VGkSTLQ"
    "dWkeuxjnAwFazCixAEtyKnEn+sNXRZCoggsKyIxrSX9QEVXBIa6IwZGWlHLqPihevY91bg"
    "uN0ioWxHaG8LN1MU4MqOI4ByrgLsbwL3bHUQ5uGWtaUCvPgpwMcv79/3obTlQAHeVNkyh7"
    "ie7cxxnekSlxtLXNb7c1sCLTtJSEXEmMTtHeEq5rWriBVhqXrQJWA97QhWmmBwE98So/ak"
    "KmpzZLotofUTGnJS2IbJFQUhWkIe80AKquQ26uy0BZQcz3JsSCR2Quk+uY2qk4lyHaww2v"
    "nN+3nlXNH7KI0UYYW0ABS5jao4rRZmsKuG8Ddyj1/wr0QvqsIUmsGuqsEjvoVK8Owjh5NV"
    "oxrSOUva1ubMTiNR+WjrVjM8K2WW0p7Kx28WSzPlj8OKS+QFMnfQmYFDygxkBk6Y+Z+LKM"
    "gGa5/LoYst6GILfRwKhYotUAu+YYdOLXyBrXmeNt14ZvcV+Pzh6tMjIBLvgAmWEONtjfGn"
    "OFUHf/JsSt5bQd9BdnaS9pRUETWtBcRfedWjulu8r4iGEN9en8/dn5Wrab/Wmfw6k78/W8"
    "hAc7p1Jv8xjjqHN1hxtCSboYQ1lEtoY0g4AZrzSjXRnHMhXdkPstBX+c2xSpjXaRJN1y3L"
    "HXXKbgIG5OVubYQQchO3jgtA7fLQLo8+DoUKLg/8nxtS6Jaa81WPB3N53OjwwF9hIPKWLc"
    "chVj6cObTWom2ud/MuHItrYUeLtd5pkI+FcM5mJqGgVnspoNRe1uq0l5XS4KZU6fWkeZ9x"
    "Hf0P/t+HD7e3wPHik40QXg+99R8CQHQY8H/IE/XFdAn8s+lGnEzkek9Y2l4n1XO1hQNtaJ"
    "RaRkfsFi86npNgUd3auA2bNzkqkmBgF4UE/PvJtP8uWGH7cuZYIGXTAXpHcHI9uXkHVpFv"
    "EQoKmNHjtDxr/UeAf200I1QpMorvwNdocjq5eMXz9XfSx+baz3oD3ucGrL322mvfI21omP"
    "5b7bU/xlEX8do/QSkNPGmuXPXd9g9Yx79ajhuWCfTZvNkS3jOh2qRnDbVJz6q1SRlgJWAu"
    "SqmIdes12awFcizZU6IzEV16s7AVtFF6kxgyjg95AQKEXGh6/EFhxUqjMsVyXQ1H9s1+kb"
    "9+eHhfQP76vuT5//jlw/UdfhdKEUJO3Tw8mZ45q0wj2rnQHrFOd9BBQd0rb0pNbIBJ4tvk"
    "M+kiKNCUglAp1BCE5lzihKfkoen5UkYmW5OL0HDm0pbdxreQ7HfLviR7wYhjSX8t00UmI9"
    "wLvYtED+k5DYJIoci3oFEKy8nBps8P73Poeqy9Z9p7NgxDZZh+FO09O8ZRF/Ge6dOr9OlV"
    "3YPbyelVrJ4qijEro14p8k6clLjHEFuBhux0LsspOK07xXu1SIg2soBngupN8DdiB4Q1nA"
    "9WhzZcmo5cInxZUD20uzlzMMHtBWITh6NqbkY8l1QP8k5WFA9COzCCaLk05XbLiqB6gLe/"
    "omQeOlGUMwEVd8jWQ3kULQMS5vp2B6Rw5BU0WYdrolY9E64ZhMYMuS4Wi1bSh1HWiO+Yo9"
    "WzVU0uRcuGpmuYS5IAwkGyKRuzJKlPnGEXsmpGpotfBcOHZsDzYDcwaYpiKm67HRz166GQ"
    "x/F4hN9qIgWZgAoAN634d78+Fhb7CoUjW/DfP3z8KW1e5nWUFHmGXi/HrCkL9oNfQ7pVhl"
    "8zc835HOs3M+TTdSRw5h7/6IhGBkjTbTT/RoJ/Q4DcYh8oiamwTO3DxaCP/1L1+C/FwdWn"
    "f7WPKZ8+JE7n4csrNHsPW5tCHxYmVJRiMIeF9WyOi+K7zVlhpZWhBaQlqqsMFGf+aipwcp"
    "g+mK31g9nqSeqVOd7G8UQJF/czvaPKpxPFIYaYwdkWaOSWNxknVEXUMg/9jpD9SO/zZaUS"
    "TvtIGmHey4b0keLbuzmRxIgXENp4Y9GNBw8CH71QAnQsB9AMmHlVjJOv0ZupOfkaXUy+f4"
    "v/fXvxBv8LfzgFTgCWeCyc72idF5tTbaPtm/PLa2dJFHFCSfzjG8/fyAFihWVSQuIlOr+P"
    "TnDom/0zBvUJDvm4CRMGMgkFGQMdHMFRfCfF53lJUCXvyoHrUTJZhrtaTOJnE/ZtKITV+e"
    "I07FU9So562qQ8FLVYEe2BUaXFdIi7Z+ivAbbj8b8YU4R3eHqTd7SWHaEvfGet8USl52jM"
    "InKYEZg58wjvtMD042p3EZ5DYOajJXDCqiLRSQ+SGbOlOWGGAgoDi6XBvoJiaZghypNP5f"
    "tjpbV+0re1ukk/gc9cL2K9epIJaO1EQDshi4AhzRktSqkXF26fN8ouQKIoszIKTub2QZan"
    "42oC7gAIuPLEFZU5K51wFzUjd0+MXGw8IEmKBSuiUNy/vXoR2sGiHSw9HIpWHSyVNUSHoT"
    "fAyi6b0hHoLr1Wt9C0Xcfjuqqya+Mm/5TNthIKa6USJOaESCQKWsi3qYvoZQF9CJwwAFjM"
    "jMObwMXqGQlU4RlkB/xg1m63/Op99R6Jvwrb/VNSXN4JqP8qD43hMQ0X78A/PfiNVFWDq3"
    "9mbfAfgDi+Vit3Dch10utXL25qhv8kD+D9EUDqKaOtsSRp7UAbTNck6oY8m5bjN10Q14/B"
    "v4Htqz7G9uTEh2yh6b+gRek6zfG10AwjOnzJ0wm4rlJoDTuSK+mW9ITFJDtCGCqpzkp167"
    "bvOOXfiXXLK9W3dd9Flpp2C/ZNwxg3uAV1XTZdl60/OslAK3TpumzHOOocn1v1VAOHd/5o"
    "w7EGDvfkURXc1O3HXHLNUUqBKIhpZ4WkKpHDn4Akpz0UhfqrQGA9AZrWIj4rLyEExGbaEu"
    "v4wWE0h0Q1l9w/cikF947h7hVVFSGzmiXep4KMPhOx/MakvgLJV4YRa+Gd6afjT4lXJndb"
    "CLNuM4k+61jJoR3gN7CEpIqGveVpre1zAw6R29yzF0jn4g8IXPz+bLEB5FJ6/e/b+l8JmA"
    "olQGIVaceMtLssBvM50bf6sVf0Oy+NyTrnxunY0EFTpK7QrssjjaQCFccSpdCnKuv4g44/"
    "9HWr1PGHYxx1kfiDeufCEAMedwee4HoM4Ov5awDNuMLk4QMS+qiY9ivgb6Xtp3Vpdi3bIV"
    "7Hp2+jUavr8xi/LVU3Gawp3IxSFOyMkFoM0U7txTtv7njwMwzD+NEqJmOxwbjJaoS0qREw"
    "bTeyPG+QR7N8Y7KlaS8dL0jUdWCGwI+8OCZ4Qvce3LePnk0XTAkb89WYsCLpzmRGtoPHuU"
    "r57OD+2qbVNq22abVNq5R1o23aYxx1IU4dlDr9KmneX4t2Swvr4lzAwLo4r7WvyKXiIkrL"
    "olWhrT8CIhPY/9EPh4mPtXbIg4RV26myXQxp8bTtStCrQd3O2maMpM369lWe0ESykRZYB3"
    "4xsyyj14AkN8Uzgyi+gKjDMAAequQjhS+OBav6dgf356YzZdkwsZZc5DlSOMrpTTojppcZ"
    "MYOitfbeSipG4CUQ3T+ncUBYHg8ReERSUPNsVbJ0J/mV6hNdCrnq8S60xagXJYcz8kfDZy"
    "qVJKDZthJKOCPSjxPYSH/KnMBWUuvElbKSoErb2GGLorBFG4rDscWJKPmtBjYUotU7StOw"
    "T1Vnswr/HLOTrf5fb3BmZw0ImZq7kAKbqrYKlXnPDy6WL9kaH9gI4falGvLe03uJ975Td7"
    "Hwhvob2hDupSGsw1g6jNWfDW+gAQ0dxjrGUT9OauaWgawOinFn+geZ+vyXig9yVbLpperP"
    "CzWiJQrMNS34tiCHE3gh1oXBCTmlwPTWlFP0ame3GXlvqvl1CyRV4ySXUJD32v5kDqLl0v"
    "SlQt6MiIIQt0YtLiwZENrErJWBmZVREefWc8fjsgoWP7bWQJMviikI9URoSk8apvSEU4v8"
    "aIJERxkqULX0RW9Wq8R3JX9qQkVQH54gdHgC0VWJb3or/0dJVpdt6PPaVfJoC7oXS1Iqhd"
    "Ta8yBm70F2bLgguhxJXU+m3kUrDW9ZTk9ffQZJX8JADeF2fQYJs/nudAbJJ7xtfrq/eRzV"
    "rCctICyYZzpYdMtrqAC+bMBbo9t40EtRvRKZu4zKsD98e6ZgCE/eqn7Vq+N0/oKiAH6KXP"
    "x/b8Sh5BSuj5toOQvS0vBxU/xP3FYgDYRKASIFTmzTcdfAh0sypv4YvED4hL+wnTkMwlfA"
    "Nz0wQz4wScDeQfY7gPDEGgPHAyTW8YL8J+jzUkE66YObDkL6oDOdCuvcj/7oOmNQT3lJR0"
    "3U05ONsnr+tPYDWcmrIAFvLqEgwO07LPGStYXnLJfSDv/eOc16kid671mOXVPCM7vWqBM4"
    "bKv9MXWTAk4yTN30SQ2Lqf4kTpWNDxO0nvAoutCe07PnxFizWcdYWv7EOtoc3x25z9v0yU"
    "g29KvVll6qLZqpq5m6/dlzB8rZ1EzdYxx1zdQ9rE3oI/yzl1JGYS6ioFXYDbHCjAK5GZwK"
    "aOaKEMAOthQszp5Qj3AuoSEWghi/9nhZxzsotlMiWQYpV1gDLwR8QI5/d0I5Ajojo+Ai3Q"
    "3XUGqFzgQ0vCKeUbjNqlGUUm+5ODsVzaRoTKWorBg+XCF/OzOpJKqgnTRcu4hD48zdnFtV"
    "JqqKa9pun8c7cRJv92IXRPU493mcLZcqy1v4NllBPcZ9HmNOiGr75dvQWWMDGfZShHC7VV"
    "wP91CGuxQAl+DTFwU1n14yWFuxhiTPzC5JqYR/azHY0AyepCc2I6RQetOBc0QYpsyuOSLq"
    "Hbk2LhPBi0urAM+ezNkWsH1MbjOsGS4KK/Ni1/DqeatyC7AqnhZS2olqputheIk/r5wrK4"
    "xMd8QhJuYXx03MxKeVQ4qLpO1a5SZWGIhLiIUsOlt8E8uZWZSEUp1JvUw/1NkC/dn1xkDT"
    "7jTtbgjr+UAJWJp2d4yjLkK7y/dK0YBtLqFgVLx98l1JBRFFuay5qAf1pQDSl7VAX/IT3x"
    "LdjruANaW/5XLDKEXahp+VU2e05nDCW2g5S9OtUbfqzieMhV4nwophd3dz/+Hq/cnZxThe"
    "DPCS7sTmWjp3zzkMUe0nPrif2EK+vUVloaqgQo7NnSwH7bLcg8syO0WmZjLvz8PWsxks7m"
    "Arv7+9qgtC3Ggu9Lm5v9m18UYPW9ZsYymQT6YTQJuW24j9DcnkG4NYvwemZydFOcDLAgUQ"
    "xO47YMNnB8+OAEzhGuE24QIbIwvk2tVSIB31oV2ASm7S9S5AbaNqG/UwUGsb9dB2VtVGXb"
    "kmR6FsNFFTEW2hbrBQ8xCdBLq5kMZ3A76xYsMNZzVCXJA7SpRPx+fCKGfqoiTKBbljRPlC"
    "AmQdJKzXIYYZLhIJEmoXpqYF9nEoWvWxHcYF9BGFzsyxzOSnV9xAhevjJleQV265t1JwPt"
    "4dVw4pdSZRC459XCO7A/1Fa5HCbOVOyeqbbC7y/UceEW/oXPuIeukjesI/XsZ3kbZX0GnR"
    "vn8odEK5kr2ZgILwdnKM3BTZUq63tL169RImYvUSJk31Eiaceglo+i9ohTFSEkCXxNTDu/"
    "3VIoFMdj8siCkUXN8zw0Hb5bUDMhA7nEPbrBrijJIrM8aMmK4c0O/xLRo14jSlgphKfpau"
    "WEoFk1OnqW1g0RSmV5/8Jw9ROEXfPmA736TzpeJAKTYYN3lQEG0q5DsZXYHAsSGAsxlWX8"
    "CL74Qh9MCLEy5AuIBJIg/+aIaAVvwMgBOO8Uffdwg5JgqBOQsJOwYtl07IO1Cn9ftLenVW"
    "PrIwalDKqxJDaKygZ5MfMtYOlT7qjcflUBnhv0wXPwb4DayiqesEC/wJPidr/+FLKK7MtY"
    "tMDu5//fzwsYbbkIuUNToHrxe/AfwrO9v0R3+aRZ5F0AXTyHFDxwtek27/PNq/ikcgKmh3"
    "KdAnH65+LY/BzfuH67LaRm5wra2pY9S2yzuczECXZbVd1beRruj+h1FQ/7YwA/gLHkP6aB"
    "X1lL3cqJxmMcwVkRBTUh+xpmhTSjWaAeRBQGXJH2ZGy34HvkZvp29/+Bq9+eH07dfo4u3Z"
    "bIy/++Hy8hxfOYV2/t3F5AK3wBes+DuAfEDlcJu3F/Zl/G1VmT3gc4jQxmNENS18EBqqrg"
    "yhK0P0Z5NUmPSlK0OoNuocValSGSLTLkQ9AJlAn10AW0ZJOzmMwg+NNGNDNBOkKHXUeSDQ"
    "s6XhY2WOGjzN49U83j4OhQI8XloAlGPfp4VB6w37tALpwY5uznZwZpvZHOmhNUHlz3FGL1"
    "5W75IctBRRMLIVWrBfehfxTrfvKJY0oKfJwb1cWsfaU6A9BYPY4wZqM2pPwTGOuvYUHNxT"
    "oLMvus6+YJ+sgvMj1u/4OJfEVMgNaFqV7n59LCxIFX5Ftii9f/j4U9q8TLrQXjDtBesLeL"
    "k1KLq05hIKrq3dnLiMjWas+gRypwJXBFVYXPdzgDtR7DhzutbUZUX2Z+uedoVxy3Ys3Wq2"
    "smiKkpoV1h8Dpmq3Wmi5Iu7jrfwVJVk90n0e6ZlrzslJ2DPk090lcObekpv7c42QC02PP+"
    "hNtylNgCm+T1eraPbNfkf9+uHhfWHAr+/Luv6XD9d3WFkolZPi+Al1IPLQGcNsIEZQZ2BF"
    "VEJeF0IfTHC3MoNbwFbx7E32rZU+YZCJZXqWY0PSd3XBTkR//PkTdOsKViZg3ye3Gaw+VM"
    "G75FMkqY8kVdZ1vKcdsSLcgdvkhtZaoSnKhcxaa8yaMOuavcKgVsNjKeLazGgx7GLjls/+"
    "ZE6kjTsKDER3Dp3F0SNts56bURw0qYGoiKqkiu7ZCDjIMe/HC32DrbDfc8j7NgSiumzdQe"
    "Rc+yBfKDSwm4CtLKp94tZSA42jk6SGW70mgq8YUdqqS36tlJpxLDrGjuEYzezUzM4hrLED"
    "5fhpZucxjroIs5PsmPRzZczrqRusTDskmcPuYAXSxsW5AGfj4ryWskEulbiHTrByzbUhC3"
    "NZTkU+khBD5qyBIXNWZcj4SI5Mm7bvCt/DzeX2Kz/DpelwTg+rBzcTUI/e1QlRGRstzjNn"
    "+jZyFXKhPTIT0mk9WGICtoNNP1xKV+CtyClUyryr8HiOWQv+mdvCzYaFs4STpjjJdgjnEr"
    "k5jaUFxhwvFBxjWibsdrVa+ejZdG+z2w5QDxEMV+bA+dCCGDue/1xjx8GOUBHsLGl8x0iv"
    "gpQYrsfFioIQLaG/K1zJbdRZHnlTa+9YDXJqxcxVSmR1XfRiRKsdAfuR3ufLSlXA8EKPfF"
    "sDJgHYCtE8iP3TxgaJF3sa4Y5QlU+MVBEuEgdugSimEjxdBmB/gdMFQk9XYQiXK9JjJRRb"
    "ajFuCsq+xG0Nk2ncMj0M94n1cn+d2ElpT5oc1hsqzLghvMtMDEH3CyOhEiWpteitfPxO2b"
    "jdcON01fBski9t4TVW4mUpSWlPZfV9gb6POKklDSGNVEC9kEYnGet25Mcnby9lktZLUnqp"
    "50YwCqqPDK+6IKgSuIel9qbAthDlSNTsW+aOAxsR8VhHYTb2iY5aHoR6c4gdp832EDtP2j"
    "aIoGevkJMHjuJj+jj5MjV1Uz34LUwNNsLpIlLN5VOzXxXR+ZxO5NG4qVBr6TGFjhxMO0pl"
    "G3rT9l4v7T1N59V03v7sUAMldmo67zGOugidN9/spfa4glifrYERcyCyE4I49BSAE3LQXK"
    "pTAWhai1dSa+2eUzHpebQxwJVhavA7FKQUZAO3T73Wp+1u7yHt5LRdVetxjpJT0PH8SJYh"
    "aNPP8Uw6fJ3OxJ6T8cCxIrpsZHkNL1vJkkoWR1yXFeyPYlXVp10zCI3tgjA8UR2Jqb5SFC"
    "fpcExRSsdkxGIy6Sa1xdJVltXrVp/XrZKbVXDJKkn12STc63LVEPphfdLthH7umDsODGvR"
    "0E85ViEZ+qnot4aL5hzXhwRXsMpuUwT6fbAGsxlbHydjJ/XmOBn7UumiLoNaKsc6CqSjQI"
    "NYMQcaD9BRoGMcdZEoUORL1WhImvfZv9ov27nhLLmGci7qnSW3h3oYedCL47quj+KUxPoR"
    "ySH9qRPJgVgv4OwqDZGcTELBleZscikSsplc1sdsyDVdDOZAxWD0ESmdO8j0GR5CLrGWzv"
    "BIvPQOb9/cwh+mIA29U4fYFYbeWow4frDkyrixlnHeRju9hrT8jbdxetWrTPVeLxV0psmb"
    "NyIGw5s39QYDuVbSmVYrGYST5gqi20ltTdxjyC3iVm+KMSL7N8MOEyRuzeCqaFP7zIL6/f"
    "8BavuNNw=="
)
