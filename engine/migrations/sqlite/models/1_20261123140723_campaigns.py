from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "engine_setting" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key" VARCHAR(64) NOT NULL UNIQUE,
    "value" JSON NOT NULL
) /* Configuration admins change at run time (e.g. approval bands), by key, audited. */;
        CREATE TABLE IF NOT EXISTS "approval_delegation" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "active" INT NOT NULL,
    "approver_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "delegate_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE
) /* An approver's stand-in for a window of days (out of office). */;
CREATE INDEX IF NOT EXISTS "ix_delegation_delegate" ON "approval_delegation" ("delegate_id", "active", "starts_on", "ends_on");
CREATE INDEX IF NOT EXISTS "ix_delegation_approver" ON "approval_delegation" ("approver_id", "active");
        CREATE TABLE IF NOT EXISTS "campaign" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "campaign_type" VARCHAR(32) NOT NULL,
    "target_audience" VARCHAR(500),
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "collaborators" JSON NOT NULL,
    "kpi_alert_threshold" VARCHAR(40) NOT NULL,
    "budget_total" VARCHAR(40) NOT NULL,
    "approval_state" VARCHAR(16) NOT NULL,
    "approval_round" INT NOT NULL,
    "approval_level" INT /* index into the round's route */,
    "pending_role" VARCHAR(32),
    "submitted_at" TIMESTAMP,
    "approved_total" VARCHAR(40),
    "approved_at" TIMESTAMP,
    "created_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE RESTRICT,
    "owner_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "submitted_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "ix_campaign_inbox_dept" ON "campaign" ("approval_state", "pending_role", "department_id", "id");
CREATE INDEX IF NOT EXISTS "ix_campaign_inbox" ON "campaign" ("approval_state", "pending_role", "id");
CREATE INDEX IF NOT EXISTS "ix_campaign_department" ON "campaign" ("department_id", "id");
CREATE INDEX IF NOT EXISTS "ix_campaign_owner" ON "campaign" ("owner_id", "id");
CREATE INDEX IF NOT EXISTS "ix_campaign_start" ON "campaign" ("start_date");
        CREATE TABLE IF NOT EXISTS "approval_round" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "round_no" INT NOT NULL,
    "submitted_at" TIMESTAMP NOT NULL,
    "total" VARCHAR(40) NOT NULL,
    "lines" JSON NOT NULL /* the budget lines as submitted */,
    "route" JSON NOT NULL /* approver roles, level by level */,
    "outcome" VARCHAR(16),
    "closed_at" TIMESTAMP,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    "submitted_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_approval_ro_campaig_5e54b5" UNIQUE ("campaign_id", "round_no")
) /* One submission of a budget: what was submitted, the route it must pass, the end. */;
        CREATE TABLE IF NOT EXISTS "approval_decision" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "round_no" INT NOT NULL,
    "level" INT NOT NULL,
    "role" VARCHAR(32) NOT NULL,
    "decision" VARCHAR(16) NOT NULL,
    "comment" VARCHAR(1000),
    "at" TIMESTAMP NOT NULL,
    "approver_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    "on_behalf_of_id" INT REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "round_id" BIGINT NOT NULL REFERENCES "approval_round" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_approval_de_round_i_37700b" UNIQUE ("round_id", "level")
);
CREATE INDEX IF NOT EXISTS "ix_decision_round" ON "approval_decision" ("campaign_id", "round_no", "approver_id");
CREATE INDEX IF NOT EXISTS "ix_decision_approver" ON "approval_decision" ("approver_id", "id");
        CREATE TABLE IF NOT EXISTS "budget_line" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "description" VARCHAR(200) NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "ix_budget_line_campaign" ON "budget_line" ("campaign_id", "id");
        CREATE TABLE IF NOT EXISTS "campaign_channel" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "channel" VARCHAR(32) NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_campaign_ch_campaig_445068" UNIQUE ("campaign_id", "channel")
);
CREATE INDEX IF NOT EXISTS "ix_campaign_channel" ON "campaign_channel" ("channel", "campaign_id");
        CREATE TABLE IF NOT EXISTS "campaign_goal" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "metric" VARCHAR(32) NOT NULL,
    "target" VARCHAR(40) NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_campaign_go_campaig_6c4d9d" UNIQUE ("campaign_id", "metric")
) /* A SMART goal: a metric, a target, and the period it must be reached in. */;
        CREATE TABLE IF NOT EXISTS "kpi_actual" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "metric" VARCHAR(32) NOT NULL,
    "granularity" VARCHAR(8) NOT NULL,
    "period_start" DATE NOT NULL,
    "value" VARCHAR(40) NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    "recorded_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_kpi_actual_campaig_a727b9" UNIQUE ("campaign_id", "metric", "granularity", "period_start")
);
        CREATE TABLE IF NOT EXISTS "kpi_alert" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "metric" VARCHAR(32) NOT NULL,
    "granularity" VARCHAR(8) NOT NULL,
    "period_start" DATE NOT NULL,
    "plan" VARCHAR(40) NOT NULL,
    "actual" VARCHAR(40) NOT NULL,
    "deviation" VARCHAR(40) NOT NULL,
    "threshold" VARCHAR(40) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_kpi_alert_campaig_6c5c8e" UNIQUE ("campaign_id", "metric", "granularity", "period_start")
) /* Raised once per campaign, metric and period whose actual deviates beyond threshold. */;
        CREATE TABLE IF NOT EXISTS "notification" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "body" VARCHAR(2000),
    "object_type" VARCHAR(32),
    "object_id" BIGINT,
    "created_at" TIMESTAMP NOT NULL,
    "read_at" TIMESTAMP,
    "recipient_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "ix_notification_recipient" ON "notification" ("recipient_id", "id");
CREATE INDEX IF NOT EXISTS "ix_notification_unread" ON "notification" ("recipient_id", "read_at", "id");
        CREATE TABLE IF NOT EXISTS "campaign_phase" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "phase" VARCHAR(16) NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_campaign_ph_campaig_cb703e" UNIQUE ("campaign_id", "phase")
) /* The dates of one phase (筹备期 \/ 预热期 \/ 执行期 \/ 复盘期) of a campaign. */;
        CREATE TABLE IF NOT EXISTS "task" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "phase" VARCHAR(16) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "status_reason" VARCHAR(500),
    "progress" INT NOT NULL,
    "started_at" TIMESTAMP,
    "completed_at" TIMESTAMP,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    "owner_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "ix_task_campaign" ON "task" ("campaign_id", "phase", "start_date");
CREATE INDEX IF NOT EXISTS "ix_task_owner" ON "task" ("owner_id", "status", "end_date");
CREATE INDEX IF NOT EXISTS "ix_task_status_end" ON "task" ("status", "end_date");
        CREATE TABLE IF NOT EXISTS "incident" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "problem" VARCHAR(500) NOT NULL,
    "cause" VARCHAR(500),
    "impact" VARCHAR(500),
    "proposed_solution" VARCHAR(500),
    "severity" VARCHAR(16) NOT NULL,
    "state" VARCHAR(16) NOT NULL,
    "resolution" VARCHAR(1000),
    "reported_at" TIMESTAMP NOT NULL,
    "acknowledged_at" TIMESTAMP,
    "resolved_at" TIMESTAMP,
    "closed_at" TIMESTAMP,
    "acknowledge_due_at" TIMESTAMP NOT NULL,
    "resolve_due_at" TIMESTAMP NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE RESTRICT,
    "reporter_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "task_id" BIGINT REFERENCES "task" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "ix_incident_campaign" ON "incident" ("campaign_id", "id");
CREATE INDEX IF NOT EXISTS "ix_incident_ack_due" ON "incident" ("state", "acknowledge_due_at");
CREATE INDEX IF NOT EXISTS "ix_incident_resolve_due" ON "incident" ("state", "resolve_due_at");
        CREATE TABLE IF NOT EXISTS "task_dependency" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "depends_on_id" BIGINT NOT NULL REFERENCES "task" ("id") ON DELETE CASCADE,
    "task_id" BIGINT NOT NULL REFERENCES "task" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_task_depend_task_id_98af24" UNIQUE ("task_id", "depends_on_id")
);
        ALTER TABLE "customer" ADD "source_campaign_id" BIGINT REFERENCES "campaign" ("id") ON DELETE SET NULL;
        CREATE INDEX IF NOT EXISTS "ix_customer_campaign" ON "customer" ("source_campaign_id", "id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "ix_customer_campaign";
        -- SQLite cannot drop a column that references another table without rebuilding
        -- "customer"; the column stays (NULL-able, unused by the older code).
        DROP TABLE IF EXISTS "campaign_goal";
        DROP TABLE IF EXISTS "campaign_channel";
        DROP TABLE IF EXISTS "campaign";
        DROP TABLE IF EXISTS "incident";
        DROP TABLE IF EXISTS "notification";
        DROP TABLE IF EXISTS "kpi_alert";
        DROP TABLE IF EXISTS "budget_line";
        DROP TABLE IF EXISTS "engine_setting";
        DROP TABLE IF EXISTS "approval_round";
        DROP TABLE IF EXISTS "approval_decision";
        DROP TABLE IF EXISTS "kpi_actual";
        DROP TABLE IF EXISTS "approval_delegation";
        DROP TABLE IF EXISTS "campaign_phase";
        DROP TABLE IF EXISTS "task_dependency";
        DROP TABLE IF EXISTS "task";"""


MODELS_STATE = (
    "eJztXW1z2ziS/issfRmnTsnZit8md3VVtuPMescvU4lzM7ebKRZEQjLXFMnliz3a2fz3A8"
    "A3kAQpQCIlEsJ+mHVINEE9DQLdjacbf44Wrgnt4N2F5/nuC7A/QsMKLNcZfdD+HDlgAdEf"
    "tW3G2gh4Xt4CXwjB1CZCIGmtm3TzaRD6wAhRgxmwA4gumTAwfMsL406dyLbxRddADS1nnl"
    "+KHOufEdRDdw7DJ+ijG3//+8h3I8fULRM/24Yv0B79/jv603JM+AcMcJs/RzML2ib5e2SA"
    "hQesuZNIxNKOm/wQ9LrQx7fwI+Afng8D/N5EFF9K4bD+yH6TTh5BfvfSIzdHRBb9SPKP72"
    "Ot8AJ0L/g9hfpKhRu6w6Les056LKgw7o9c11PZS2t+44SfSFuM+VQ3XDtaOHl7bxk+oY5T"
    "AcsJ8dU5dKAPQoh7CP0IKxHrKFF8qtdYX3mTWCeUjAlnILJDSulTPb820vX7h0f9y/Wjro"
    "8EhomBQERwoFcNCABz/Apvf5xM3r8/mxy+Pz0/OT47Ozk/PCcjBt2r3jr7Hr9Mjlb8KILZ"
    "zU8394/4hVw0juORji98JzIgBHqu7Rx9eqAVdVCrAFpktRpS0Jv0kF7IFZF/gtvTxOTo+O"
    "z4/P3pcaaA7EoT7inGOabx584PaNZeoclA03eRdAXMqyfg1w3PuH0JTPSKQwRzAf7QbejM"
    "wyf0z/eTBuT+9+Lz1V8uPh+8n7wpTgL3yZ0JuVUEl14BeQGmZSQE+eiUA+Sj01qQ8a0iyI"
    "a7WMD4W+bFmBJZC+JkIespwoeHhzwYo2b1KJObRZwBA+KPCKPQWkA2zICFsJmIvEv/GOCQ"
    "boD38ebu+svjxd0v+PGLIPinTXC6eLzGdybk6rJ09aA83LOHaL/ePP5Fw//U/vZwf03gdI"
    "Nw7pMe83aPf8MW5whEoYtMh1cdmDQm6eX0UlGtRcuUc1EtSamllbG0lpwOfhu8JCgTuFux"
    "x3MVINim8AnYM92diQ1whuRaeujbUtG6+Zj74fwDnJZSo1todGNHf/Zc72xWFfHJ9SGaTH"
    "6GS6KMG/TiwDFYRnwp3PM5fd7AlPE9HW7p1fwz9MFrFiMpjEKEAvrtMIwNx4svVxcfr0fM"
    "2bwFgK+oR0mKbWkJWw0vHePaEN6vARyin8QLbcn0KkD7GZmDn2+uHke1q+D28O3ZyscLL2"
    "Phr4EYT8VTYDy/At/UC3MyvuNO3NKVrG311mKyKF8BDpgTlPDPwS9fCcbbcA7ClSH7rNWY"
    "M2hfEFgVth9dOFo6IH8INDx0zLeWo81cXwPaK9K1+6q5M80Ey0A7cKMQ/8OdzSwDvnk3Ki"
    "lu44cxtgqadgWS3woTNaPfab2QcY969sNAjzGAjkn+5AnYp9ilf8K1dwiSlxHqVO0T9Nly"
    "GzfsEyClseOEtfhTEtuzoI/ElDBy0V8LKwgt463tGs9a8tJj7T+ONA/6mvEEnDksTwNb8s"
    "59iNHRxcNaRUkJw1sj9APNB8deJt/iQMJdybTRGO2KPHNNrRclldb7onVGkDN5+1zrhfW8"
    "qnS2wgtCTfoeoK4bdIv1VZoqUwtIADxKZK+hy23KkmnlujYETk1wPRMqYTdFUl1Blhpd24"
    "Xs8uHhtjCJXN6UjKf7r3eX158PjsjsgRpZYU2sV21kdGUqlfwkTmRLUgrZ1RFcFQRrIwjG"
    "jC/SDrmCtgna0nfLhna3sa94Z6Ih7JVtXXBEvLJtk9XBrgcHakE0RS4tdmNx9Alo08icw/"
    "CD9voEQu0VBHGDEA2LsRY+QQ09PoSaFWqLKAg1DwRBfB1ZSNUAWBcdMPmzdYTYMotWxYt6"
    "GS9SvNL2rZzss1ojOFCWlTA8MNxwQDUKFLohYFCIcX7DAthsFWcyZd3GQu8SYbk0+/H66u"
    "bu4vbg6HQ8KTlgKY/wuEIUtC0HBlV0//rl4b6GoZ0KlKG1jFD7t2ZbQWfz0+i/Z5FjYMTQ"
    "OmvZoeUE73B//zMSA3uEV9x4pdbIz9HohZovwt2gB4xd4eNKqZoHdxe/lVmcV7cPl+WvBj"
    "/gssrdYdnD9XrKBAasp9Rx0DCRHVlKJDtAmy61LE2gf4pCsBvuQoimT4lIyHBun0Nuu8F6"
    "e0G0YAurfs9wl2nRV3TcndNxczN5uhQLJjIkZdJDVwFFRVocCUS+hEmL9KhUgcVV8DK+YW"
    "FmXTW3juFpXCain37+DO2My9ZMdqZz2yXB/3unodjItMLrF0h6q8Zh87vjxiAsbqfDrGGr"
    "VQKaqH/u9B/QCOPBgFGK/ymQnB+/eSxHfhIfyc8IXaEaAHE3RKyhFxWl7WWUtjTIuH23op"
    "iEScDtZ1oXPmD+8V4Qk8mg3LJhD4x0leUd5LmEhOP79JhjfJ8e145vfKsCsCvKbKFEVOoi"
    "c8wifMi/xMYtJaXGLs/YVYUDZIynzXx3oSOXlrWHUP/9FKXki023b9ogFQijTMsojFdj7E"
    "MQiNkvuYR8+J5wFZA5aagfc1ItHxPn+gjtC1Mi/dhxxN2K7ji2sTZ0squ4/Zyz7Qx6shXv"
    "Q8P1zR+CNOVMA7MQ+oQXt8ukMx+iXx6w/dSmuYaWkm++acfkrGyD7IajeklIILeWA0eMwC"
    "h1d9wUGI2pJLqdNtxaYLS0B8IVpKReVqd3nFS0sn8xG5WDrHKQh+ApDzQbVeUg76PWGfGS"
    "Sg6ygbQwd30GT6ChTiklI2GosYuCu/lrCeBcEpMQ6gmXSz9pcOknjIqwCzdiFd5t5NHnQo"
    "pID2nwq0R6xVjsW4lFxaejxnk7fLrdeOkZ+gwfndZMvYdOD4XtuedZ1moe3oeOiZ6op4X5"
    "TegBP8TlzUVc+FxVztTFRcU8EVbTypda4x34u9/wF+fi/F26r47YWS5Zb0SSvyNShEYnpV"
    "IEOiFSKgLTx8VlrCIwKgIziFV+oL64isDso9a5IjDIiBOKviTt2wkH7HZ96zjuIsqik5g/"
    "10mkJbPsRLnkFUEJEe+AcgV8vKGJky9g4sRzM6+qovJt2HdCEKJcHeaizMa7KLXXtSaRzy"
    "0MHy2z1+AhSNAPQUM1dH0xklpZsB9UtXWKY/SWqvbsWTqwIfrQwyfU7Mm1GXGKxl2Hmifs"
    "ZgtidPhusgPVpHsQp+Nj7i2IhNqzTsGksuiusN4h0kK7PdUoKndOSjX+Kp+V137Rl2oFSN"
    "7Mqorg9oJvh12B3XZ2VYqR6HHNVcE+c43J4zT0Sm5ai9PBrOOsUtb2gS9vvfBOImU5+byW"
    "9v3EnpWM7Bn6ww0dViPGSdk4cy1LqCq8sS00HFVvYAut9V2VRNVn1efPKt1EEy0HVpHrsY"
    "2wMxOswovgBLciJxN/rDV0aQoIJ7C0iMK0l/UBJZwSGuiMGRlpQy6j5IXr6O+W47jdIqFs"
    "Q2g/Fh4mKcCVFYcD5dwE2N4A7tnswM3DLVtLBXjRW2j3X29v+1DacqAAr6psmUNcz3ZmhM"
    "5UicuVJS7r47ktgZadJCQjYlTi9oZwFfPaZcQKs1QdaGOwnjcEK00wuIofiVB7lhW1uQvs"
    "ltD6yR1yUtiKwRUFobuALOaBEFTJY+RZaQsoWY5hmRBLbITSTfIYWQcT4ToYYbTxl/ezZ1"
    "2Q50iNFGaFtAAUfoysOHlPINjUQvgFP+NX9CvdV1lhCkGwqWnwiB4hEzzbyOGkzaiGdM6S"
    "tbU6s1NPTD7SutUMz0qZpbSn8vGbxdJM+evQ4gJ5gdQTVGbgkDIDKcVxM/9zEQnZYO1zOV"
    "SxBVVsoY+qkKjYAvHgG1bo1MPnWJrnadOVZ3ZfaF/uLj4/aljigwa0BUR4G2P0V5yqg/5y"
    "TELe86BvuWZ2kvYUVxEFxhNEl5zqUd0tPpfHQogfr87n7s/M1bReq0x+lcnfnyVkoDndKp"
    "N/H7XO4A1WAi3JYijgDeUSyhniToBmfFJNNOdcSFX2gzT0VX5zbBLmdZp403XLcnudspuA"
    "AVm5WyshhMzErf0CUIU8VMijj6qQIeSB/u8KF7ol7nw14kHdHjcGPNAlBETesuV9CM+HM4"
    "vUWjTBcrPowr6EFjb0WOuDBrkuuHM2MwkJrdpzDqP2vNamPa+UBgdCpdeT5n3GdfR/6H93"
    "dx8/apYTn2zkovnQWf4QaNiG0f7lOryxmC6BfwF2xMhEro+Epe1VUj3TWtjRgkaoZURjH9"
    "Gk41gJFtWljdmweZEjIgkGZlGII76fDPu3gYf8y5llaCmbTiNP1A4uJ1cfNC/yDUxB0Wbk"
    "OC3HWP6Xhn5tNMNUKazFD9q3aHI4OX3DivV30sfq2s9qAd7mAqyi9ipq3yNraJjxWxW130"
    "et80Ttn6GQBZ40l676bvsHrKNfLcYNywT67N6sCe8RV23So4bapEfV2qQUsAIwF6VkxLr1"
    "mmzGk2sZoqdEZyKq9GZhKWij9CZ2ZCwfsjYIXNeGwGErhRYraWWK5LpSR3Zlu8hfPjzcFp"
    "C/vClF/u+/3l1eo2+htEPIqJuHBtMLY5ZpRDsX2iLW6Qo6KKh7FU2p2RugkvhWxUy62BRo"
    "SkGoFGoIQjAXOOEpeWlyvpSeydbkIjScubRmt/EjBPtdsy/BXhDiSNJfinSRyXD3Qp4i0E"
    "N6TgMnUm7kG1AvbcuJwabOD+/z1vVYRc9U9GwYjsow4ygqeraPWueJnqnTq9TpVd2D28np"
    "VbSdyosxLSNfKfJOgpSoxxB5gbrocC7LSTisO8Xbe0qINqKAZ4LyDfATvgPCGs4Hq0MbLo"
    "AllghfFpQP7W7OHExwe4XIxWGYmqsRzyXlg7yTGcWB0Az0IFosgNhqWRGUD/D2Z5QsQseL"
    "ciYg4wrZ+lYeQUuHmLm+3gEpDHkJXdbhuqjVyIQNglCfubaNxCJP+DDKGvENc7R6NquJpW"
    "iZENg6WOAEEAaSTdmYJUl14gw9kVUzMm30Keg+BAErgt3ApCmKybjsdnDUr+OGLI7HI/yj"
    "ZqcgE5AB4KYZ//q3x8JkX6FwZBP+7cP9T2nzMq+jZMhT9HoxZk1ZsB/8GtytNPwadQKStC"
    "cgSQ6uOgCpfUzZDAp+RgNbXqLRu9v0fHVeElde/mDOS+rZGOfFd53jkkozQwtICxSYGCjO"
    "7NmU4/AkdTZV62dT1fN0K2O8jRNaEjriF/JEmQ9oiaOsMYmtLdDwI68yWpyMqGVByg0h+0"
    "Se89WTCadt8Oap77KBQV/8eldz6fV4AiGNV9YdeHCg5ruvhAMay2nuTAN5YYCDb9HJFEy+"
    "RaeT92fov2enJ+i/8MdDzQq0BdKF9ZaUujAZBQfafji7wnDGI4859fGPbzyCIAeIFhZhxc"
    "dTdP4cxfHum/8z1uo53rneuPdMMwkJN007OIWg+E3yj/OSoEzRlR2X5KMSrTb1mPiPZ+ub"
    "KrjN+eIw7FVJPoZ52mQ8FK1YHuuBMqX5bIjrF+gvNeTHo/8iTF20wpOHfCDlvPAO7ltjiQ"
    "YqOUpgFuHzXLSZNY/QSqsBPy74FaExpM18d6FZYdWQ6KQHwaTB0pgAIYfBQGOp058gXyZa"
    "6Ob5d+L90dLKPunbXN1kn8AXZhSx3jzJBJR1wmGd4ElAF6bNFaVk2MHvmjpHT0C8KNMyEg"
    "7m9kEWZyQqDuIAOIjiHC5F3xKkbylS4pZIich5cAUpFrSIRPv+7aXMqwCLCrD0UBWtBlgq"
    "c4jahl4BKz1tCu9Adxm1ovgsjGBVke1SH6MqUmw6rRclFBnZl7CIKlktBK8qujNMP3Kg5V"
    "dU0Z191DojmrAHRXcw4Qt1pz3D5ViD7+bvNAji9J3dh5dVHZ72ywtUHC8eImXKeN2UECjf"
    "EXTMWEJLvEl5vKviyhlsjJBcvmenDMlrZ2458AsMw/jVKi5jscG4yWuEpKkeUG1XUhquXI"
    "fwB4hGNWAuLCdIzHUNhJofOfHhZAdk7UF9++4LsLUpcMzgzVibLuOVCUSmhfRcJTR08Hzl"
    "0yqfVvm0yqeVyrtRPu0+ap3Hp1XHMHV0DFPNQaf19TXqTjrdQl2N3WyCt1ZBQ8Cr7dLYzt"
    "K3GHY2ndpVb2JniWSd78s0UXK5cnjywlzifFyAnjp3IMyP7wgjAoSJXpqLoJv3nj6Lv/eN"
    "uouFdTNSdOBeMgvGypNQnsQgFsaB2pTKk9hHre/n7lh/Mi3WLqLaev3ULX1QI5KQBpY40R"
    "3/mRQR1w5wChpwliSs+4ZvUWvi4VZrrC6Qyewy7LT6gZxLSLj12P5gXqOg+aalzPsNcTdn"
    "FENoYrdWBGZaRkacW08acpDTpwMjZHoVTfX5C2ISQt3JERSJuy5oUuZSEpqTwzUfq15DHp"
    "fhXhYyCQk/oU6OYMCxK/GUuIqgyozjyozDtirOHFgr/lGSbWHy6pkCZJq7ShFt3uy8opRM"
    "SWTtRRCz70C4JnpVUqVA1odod1NyXvrhqxJMVYJpD1XRRoIpu7T0LqodDxbdxnLHbHzpDW"
    "+FbmMWb9G84hm7lMmwPXx7ZmBwD96qfdWrXOkbx7DMmkzp7N64iY5j0a22x8YpFpjnYuOk"
    "b1qo6M9Ph4kr4xnPyL2xoTmHOjczJusYSa9gxdT1i57u2i/r9ElJNvSr2DiKjaPYOLS5od"
    "g4svAyFBtnH7Wu2Dg7JTB4vot+9kIEXUpEwq2qbjZPQBSIjeBUQO1OcQFsIU/BECqPnEso"
    "iLkgRp89mtbRCor8lEiUJcIUVsBzAR9AZHdboRjJjJKRcJLuhk8gdvpLKqDg5YCXRDeEZ4"
    "2ilHzTxdEhL1uykS5ZmTF86Ln+em5SSVRCP2m4fhGDqpGHOddRNkNcUXP6rO8kSLzeh10Q"
    "VXrus54NmxjLa8Q2aUGl4z7rmLFFtf70rStm+EDUXtohXG8WV+oeirpLG+ACnLmioOLMCW"
    "7WVrwhwdNGSlIy4d/aHmwIgmfhgU0JSURh3jEPlGLKbMoDla+y7bhM9ipOrRxcOjxmW8D2"
    "MXnMsEY4L6zUh13DnWPNyi3AKjn1s7QS1QzX3fASf/asCyOMgD1iEBPzm+MmZuKzZ+EE4r"
    "Rdq9zECgNxAZGQQUaLD5AcyHZJoG+5Jq6J5Yej30ucRkW7U7Q7Rbsja6ei3UlGwFK0u33U"
    "Og/tLl8reTdscwkJd8XbJ9+VTBBelMuWi3xQn3MgfV4L9HmFukTbdswJrIa1VJIbRrmxNu"
    "KsjFpiNTWgGw9Fri0DLXwc8pCwW+c8ZBUn7kGc2HB9c43qAVVBiQKbG3kOKmS5hZAl82xk"
    "akxuL8LWsxHMH2Arf7+9yv3FYTQb+szc3+zeeGWELWu28qCrz8AKoKm5aEjE8YZk8I212L"
    "7XgGNqsW2kvT65AdTi8J1mwhcLjY5Am8Kli9qET8gZeXJtxmFXHfWhQoBSLtL1IUDloyof"
    "dTdQKx91135W1Uf1bMAwKBtd1FREeagrPNR8i04A3VxI4bsC39iwYW5nNUJckNtLlA/Hx9"
    "woZ+aiIMoFuX1E+VQAZLVJWG9DDHO7iGeTUIUwFS2wj6poNca2mxDQvRtaM8sAyU+vhIEK"
    "98dNoSCn3HJrpeB8tDp6Fi51JlALjn5dPXsC+UVLnsJs5U7x7JssLuL9Rw4Wb+hcxYh6GS"
    "N6Rj9eJHaRtpcwaNF+fCi0QluocEImICG8nRwVM3VNodBb2l6+egkTvnoJk6Z6CRNGvQR3"
    "+g9ohDFSAkCXxOTDu/3ZIoFMdD0siEm0ub5lhoPyy2sVMhA/nEHbrDrilJEromNKTFUO6L"
    "d+i04NP02pICZTnKUrllLB5VRpaitYNIXh1af4yS9PIIC/IgDJF1UJn9C3x03RkyxE5GEJ"
    "rvjJ6JEc/osZK+5Mcx2oEVnt4Ft0Nj378Vt08uPh2bfo9Oxopv2n9i368fz8GN06hCZ18X"
    "RyitqgOwZ1EQmiNmen5nl88Q3uAGRMmirnZqdvwsPMiVFVzJseGY8q+U4l3w1hlZJ4X00l"
    "38mmdZ7ku8zC4I1GZQISxlU7qffrh3pKiuMl2xWl9ppqBx1TGD5aZq/BU1QJRZXooyokoE"
    "qQGksMHz+tvVTv3KdFnnZ2Ol62glPLzGqKAim7JH5UnvvqZCWFcC37iICRzdCc/ZKn8He6"
    "fkexpA4dxb/o5dQ6VpECFSkYxBo3UJ9RRQr2UesqUrDzSIEiuHVNcKPfrILzI7Lv6hKfCm"
    "Iy0K+aZqXr3x4LE1IK6cHdxW9vCpPS7cP9T2lzSgVXtw+XKgqmomC9AS/3Bnmn1lxCwrm1"
    "m0PtkNOMTJ9A7OC1iqAMk+t2zsjEhh1jTNe6urTI9nzdw64wbtmPJUvNWh5NUVIRGvvjwF"
    "T9VsNdeDh8vFa8oiSrNN1rTauNr10nAdCBf841ihaRCXlV23Awm4mVEdwCtpITsumvVvjQ"
    "EGrvzDEsE+K+qxN2Ivrp58/QrqtBk4B9kzxmsOtvBe9SDMtDfj1mv9uW87whVniv+mPyQG"
    "Mp0RBlQmYsFWZNmHXNlqBQq+FNFHFtZlDoZrFxy8f5UIdMxR0FuktWDpU10CNrs54LUFSa"
    "kCIqojKZolt2AnZycuP+Qt/gK2z3aMG+qYDXlq07W5DpH+QThQJ2FbCVSbVPXE7ioDFskt"
    "Rxq7dE0B09Slt1yecUMjP2xcbYMPyvmISKSTiEOXagnDLFJNxHrfMwCfGKSf6u6LyeKkDL"
    "tEPK2O0KViAJnB5zcAROj2spAvhWietmBZ4NlroozGU5GfkvXIyMowZGxlGVkeG7YuTNtH"
    "1X+O5uLLdfzA0ugMU4EKAe3ExAPjpRJ8RY5LRYL4zhe+miUQocNsi5UAnlKZLqapJIh/V2"
    "6Q+XDw+3haX18qZMev16d3mNJo1S6fqqmYv8YOCHC+GiWhU5iaoTdrU9nmPWQnzmY+Fhw8"
    "JZIEhTHGQbbOdiuTnZSwv0OZooGM60yLbbhef57guwP2aPHaAdwrldmQPnQwMi7Fjxc4Ud"
    "AztMRTCzJOUNd3olpMQwIy5GFITuAvqbwpU8Rp7pkTW0to7VIIcWCAL04SC8Zq5tu6965G"
    "0I2CfynK+erIBlR8MqwHgB81zCu98+bWyQeNEHjGwIVfkQGBnhwvvALRDFZIKnyw3YC+hb"
    "Bg5vVLZgkzvjxk3YvI3agt3WONnZFmx92K9+D1aGsPXk5IQn8ndyUh/5w/dKkT/PE0E4aS"
    "4hup1sCqAeQ2b06a9fHu7r0swykfKepmWE2r812woGbKSwwMVgFKKrlYoD5eIC4+KOJH7A"
    "JSsUuE020ff/BxFDs9I="
)
