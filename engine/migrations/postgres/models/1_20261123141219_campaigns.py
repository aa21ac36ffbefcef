from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "engine_setting" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" SERIAL NOT NULL PRIMARY KEY,
    "key" VARCHAR(64) NOT NULL UNIQUE,
    "value" JSONB NOT NULL
);
COMMENT ON COLUMN "engine_setting"."version" IS 'optimistic-lock version, +1 per change';
COMMENT ON TABLE "engine_setting" IS 'Configuration admins change at run time (e.g. approval bands), by key, audited.';
        CREATE TABLE IF NOT EXISTS "approval_delegation" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "active" BOOL NOT NULL,
    "approver_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "delegate_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "ix_delegation_delegate" ON "approval_delegation" ("delegate_id", "active", "starts_on", "ends_on");
CREATE INDEX IF NOT EXISTS "ix_delegation_approver" ON "approval_delegation" ("approver_id", "active");
COMMENT ON COLUMN "approval_delegation"."version" IS 'optimistic-lock version, +1 per change';
COMMENT ON TABLE "approval_delegation" IS 'An approver''s stand-in for a window of days (out of office).';
        CREATE TABLE IF NOT EXISTS "campaign" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "campaign_type" VARCHAR(32) NOT NULL,
    "target_audience" VARCHAR(500),
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "collaborators" JSONB NOT NULL,
    "kpi_alert_threshold" DECIMAL(6,4) NOT NULL,
    "budget_total" DECIMAL(16,2) NOT NULL,
    "approval_state" VARCHAR(16) NOT NULL,
    "approval_round" INT NOT NULL,
    "approval_level" INT,
    "pending_role" VARCHAR(32),
    "submitted_at" TIMESTAMPTZ,
    "approved_total" DECIMAL(16,2),
    "approved_at" TIMESTAMPTZ,
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
COMMENT ON COLUMN "campaign"."version" IS 'optimistic-lock version, +1 per change';
COMMENT ON COLUMN "campaign"."approval_level" IS 'index into the round''s route';
        CREATE TABLE IF NOT EXISTS "approval_round" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "round_no" INT NOT NULL,
    "submitted_at" TIMESTAMPTZ NOT NULL,
    "total" DECIMAL(16,2) NOT NULL,
    "lines" JSONB NOT NULL,
    "route" JSONB NOT NULL,
    "outcome" VARCHAR(16),
    "closed_at" TIMESTAMPTZ,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    "submitted_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_approval_ro_campaig_5e54b5" UNIQUE ("campaign_id", "round_no")
);
COMMENT ON COLUMN "approval_round"."lines" IS 'the budget lines as submitted';
COMMENT ON COLUMN "approval_round"."route" IS 'approver roles, level by level';
COMMENT ON TABLE "approval_round" IS 'One submission of a budget: what was submitted, the route it must pass, the end.';
        CREATE TABLE IF NOT EXISTS "approval_decision" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "round_no" INT NOT NULL,
    "level" INT NOT NULL,
    "role" VARCHAR(32) NOT NULL,
    "decision" VARCHAR(16) NOT NULL,
    "comment" VARCHAR(1000),
    "at" TIMESTAMPTZ NOT NULL,
    "approver_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    "on_behalf_of_id" INT REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "round_id" BIGINT NOT NULL REFERENCES "approval_round" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_approval_de_round_i_37700b" UNIQUE ("round_id", "level")
);
CREATE INDEX IF NOT EXISTS "ix_decision_round" ON "approval_decision" ("campaign_id", "round_no", "approver_id");
CREATE INDEX IF NOT EXISTS "ix_decision_approver" ON "approval_decision" ("approver_id", "id");
        CREATE TABLE IF NOT EXISTS "budget_line" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "category" VARCHAR(32) NOT NULL,
    "description" VARCHAR(200) NOT NULL,
    "amount" DECIMAL(16,2) NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "ix_budget_line_campaign" ON "budget_line" ("campaign_id", "id");
COMMENT ON COLUMN "budget_line"."version" IS 'optimistic-lock version, +1 per change';
        CREATE TABLE IF NOT EXISTS "campaign_channel" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "channel" VARCHAR(32) NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_campaign_ch_campaig_445068" UNIQUE ("campaign_id", "channel")
);
CREATE INDEX IF NOT EXISTS "ix_campaign_channel" ON "campaign_channel" ("channel", "campaign_id");
        CREATE TABLE IF NOT EXISTS "campaign_goal" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "metric" VARCHAR(32) NOT NULL,
    "target" DECIMAL(16,2) NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_campaign_go_campaig_6c4d9d" UNIQUE ("campaign_id", "metric")
);
COMMENT ON COLUMN "campaign_goal"."version" IS 'optimistic-lock version, +1 per change';
COMMENT ON TABLE "campaign_goal" IS 'A SMART goal: a metric, a target, and the period it must be reached in.';
        CREATE TABLE IF NOT EXISTS "kpi_actual" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "metric" VARCHAR(32) NOT NULL,
    "granularity" VARCHAR(8) NOT NULL,
    "period_start" DATE NOT NULL,
    "value" DECIMAL(16,2) NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    "recorded_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_kpi_actual_campaig_a727b9" UNIQUE ("campaign_id", "metric", "granularity", "period_start")
);
COMMENT ON COLUMN "kpi_actual"."version" IS 'optimistic-lock version, +1 per change';
        CREATE TABLE IF NOT EXISTS "kpi_alert" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "metric" VARCHAR(32) NOT NULL,
    "granularity" VARCHAR(8) NOT NULL,
    "period_start" DATE NOT NULL,
    "plan" DECIMAL(16,2) NOT NULL,
    "actual" DECIMAL(16,2) NOT NULL,
    "deviation" DECIMAL(10,4) NOT NULL,
    "threshold" DECIMAL(6,4) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_kpi_alert_campaig_6c5c8e" UNIQUE ("campaign_id", "metric", "granularity", "period_start")
);
COMMENT ON TABLE "kpi_alert" IS 'Raised once per campaign, metric and period whose actual deviates beyond threshold.';
        CREATE TABLE IF NOT EXISTS "notification" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(32) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "body" VARCHAR(2000),
    "object_type" VARCHAR(32),
    "object_id" BIGINT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "read_at" TIMESTAMPTZ,
    "recipient_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "ix_notification_recipient" ON "notification" ("recipient_id", "id");
CREATE INDEX IF NOT EXISTS "ix_notification_unread" ON "notification" ("recipient_id", "read_at", "id");
        CREATE TABLE IF NOT EXISTS "campaign_phase" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "phase" VARCHAR(16) NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_campaign_ph_campaig_cb703e" UNIQUE ("campaign_id", "phase")
);
COMMENT ON COLUMN "campaign_phase"."version" IS 'optimistic-lock version, +1 per change';
COMMENT ON TABLE "campaign_phase" IS 'The dates of one phase of a campaign: 筹备期, 预热期, 执行期 or 复盘期.';
        CREATE TABLE IF NOT EXISTS "task" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "phase" VARCHAR(16) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "status_reason" VARCHAR(500),
    "progress" INT NOT NULL,
    "started_at" TIMESTAMPTZ,
    "completed_at" TIMESTAMPTZ,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    "owner_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "ix_task_campaign" ON "task" ("campaign_id", "phase", "start_date");
CREATE INDEX IF NOT EXISTS "ix_task_owner" ON "task" ("owner_id", "status", "end_date");
CREATE INDEX IF NOT EXISTS "ix_task_status_end" ON "task" ("status", "end_date");
COMMENT ON COLUMN "task"."version" IS 'optimistic-lock version, +1 per change';
        CREATE TABLE IF NOT EXISTS "incident" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "problem" VARCHAR(500) NOT NULL,
    "cause" VARCHAR(500),
    "impact" VARCHAR(500),
    "proposed_solution" VARCHAR(500),
    "severity" VARCHAR(16) NOT NULL,
    "state" VARCHAR(16) NOT NULL,
    "resolution" VARCHAR(1000),
    "reported_at" TIMESTAMPTZ NOT NULL,
    "acknowledged_at" TIMESTAMPTZ,
    "resolved_at" TIMESTAMPTZ,
    "closed_at" TIMESTAMPTZ,
    "acknowledge_due_at" TIMESTAMPTZ NOT NULL,
    "resolve_due_at" TIMESTAMPTZ NOT NULL,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE RESTRICT,
    "reporter_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "task_id" BIGINT REFERENCES "task" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "ix_incident_campaign" ON "incident" ("campaign_id", "id");
CREATE INDEX IF NOT EXISTS "ix_incident_ack_due" ON "incident" ("state", "acknowledge_due_at");
CREATE INDEX IF NOT EXISTS "ix_incident_resolve_due" ON "incident" ("state", "resolve_due_at");
COMMENT ON COLUMN "incident"."version" IS 'optimistic-lock version, +1 per change';
        CREATE TABLE IF NOT EXISTS "task_dependency" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "depends_on_id" BIGINT NOT NULL REFERENCES "task" ("id") ON DELETE CASCADE,
    "task_id" BIGINT NOT NULL REFERENCES "task" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_task_depend_task_id_98af24" UNIQUE ("task_id", "depends_on_id")
);
        ALTER TABLE "customer" ADD "source_campaign_id" BIGINT;
        ALTER TABLE "customer" ADD CONSTRAINT "fk_customer_campaign_78f4ddf2" FOREIGN KEY ("source_campaign_id") REFERENCES "campaign" ("id") ON DELETE SET NULL;
        CREATE INDEX IF NOT EXISTS "ix_customer_campaign" ON "customer" ("source_campaign_id", "id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "ix_customer_campaign";
        ALTER TABLE "customer" DROP CONSTRAINT IF EXISTS "fk_customer_campaign_78f4ddf2";
        ALTER TABLE "customer" DROP COLUMN "source_campaign_id";
        DROP TABLE IF EXISTS "approval_decision";
        DROP TABLE IF EXISTS "incident";
        DROP TABLE IF EXISTS "kpi_alert";
        DROP TABLE IF EXISTS "notification";
        DROP TABLE IF EXISTS "approval_round";
        DROP TABLE IF EXISTS "engine_setting";
        DROP TABLE IF EXISTS "task";
        DROP TABLE IF EXISTS "campaign_phase";
        DROP TABLE IF EXISTS "campaign_channel";
        DROP TABLE IF EXISTS "campaign";
        DROP TABLE IF EXISTS "budget_line";
        DROP TABLE IF EXISTS "approval_delegation";
        DROP TABLE IF EXISTS "task_dependency";
        DROP TABLE IF EXISTS "campaign_goal";
        DROP TABLE IF EXISTS "kpi_actual";"""


MODELS_STATE = (
    "eJztXW1z2ziS/issfZmkTknZit8md3VVtuOZ9U5iTyXOzdxutlgQCclcU4SWL/boZvPfDw"
    "DfQBKkAImUSAj7YdYh0QT1NAh0N55u/DlaIBu6wdvL5dJHz8D9AC0ncJA3em/8OfLAAuI/"
    "atuMjRFYLvMW5EIIpi4VAklr02abT4PQB1aIG8yAG0B8yYaB5TvLMO7Ui1yXXEQWbuh48/"
    "xS5Dn/iqAZojkMH6GPb/z97yMfRZ5tOjZ5tgufoTv6xz/wn45nwz9gQNr8OZo50LXp3yML"
    "LJbAmXuJRCztoeSH4NeFPrlFHgH/WPowIO9NRcmlFA7nj+w3mfQR9HevlvTmiMriH0n/8X"
    "1sFF6A7YW8p1RfqXBDd0R0+WTSHgsqjPuj181U9sqZ33rhT7QtwXxqWsiNFl7efrkKH3HH"
    "qYDjheTqHHrQByEkPYR+RJRIdJQoPtVrrK+8SawTRsaGMxC5IaP0qZlfG5nm3f2D+eXmwT"
    "RHEsPEwiBiOPCrBhSAOXmFNz9OJu/enU+O3p1dnJ6cn59eHF3QEYPvVW+df49fJkcrfhTF"
    "7Pbn27sH8kIIj+N4pJML36kMCIGZaztHnx1oRR3UKoAVWa+GFPQmPaQXckXkn+DuNDE5Pj"
    "k/uXh3dpIpILvShHuKcY5p/LmLA5q112hy0PQRlq6Aef0I/LrhGbcvgYlfcYhgLsAfpgu9"
    "efiI//lu0oDc/1x+vv7L5edX7yavi5PAXXJnQm8VwWVXQFGAWRkFQT4+EwD5+KwWZHKrCL"
    "KFFgsYf8uiGDMiG0GcLGQ9Rfjo6EgEY9ysHmV6s4gz4ED8AWMUOgvIhxnwELYTkbfpHwMc"
    "0g3wPtx+uvnycPnpV/L4RRD8y6U4XT7ckDsTenVVuvqqPNyzhxi/3T78xSD/NP52f3dD4U"
    "RBOPdpj3m7h78Ri3MEohBh0+HFBDaLSXo5vVRUa9EyFVxUS1J6aeUsrSWnQ9wGLwmqBO5O"
    "7PFcBRi2KXwE7sxEM7kBzpHcSA99WypaNx9zP1x8gLNSenRLjW7i6M+e6p3NqiJ+Qj7Ek8"
    "kvcEWVcYtfHHgWz4gvhXs+p88bmDK+p8MtvZp/hj54yWIkhVGIUcC/HYax4Xj55fryw82I"
    "O5u3APA18yhFsS0tYevhZWNcW8L7NYBD9JNEoS2ZXgVoP2Nz8PPt9cOodhXcHb49W/lE4e"
    "Us/DUQk6l4CqynF+DbZmFOJnfQBJWuZG2rtxaTRfkK8MCcokR+Dnn5SjDehXMQrg3ZZ63G"
    "gkH7gsC6sP3o0jPSAflDYJChY79xPGOGfAMYL1jX6MVAM8MGq8B4haKQ/APNZo4FX78dlR"
    "S39cM4WwVNuwLJb4WJmvHvdJ7puMc9+2FgxhhAz6Z/igTsU+zSP+HGOwTJy0h1qvcJ+my5"
    "jRv2CbDS+HHCWvwZid1Z0MdyShgh/NfCCULHeuMi68lIXnps/MexsYS+YT0Cbw7L08COvH"
    "MfEnRM+bBWUVLB8NYI/0D73nNXybc4kHBXMm00Rruipb2h1ouSWut90TonyJm8fa71wnpe"
    "VTpf4QWhJn0PUNcNuiX6Kk2VqQUkAR4jctDQ5TZlybRCyIXAqwmuZ0Il7KZYqivIUqNrt5"
    "Bd3d9/LEwiV7cl4+nu66erm8+vjunsgRs5YU2sV29kdGUqlfwkQWRLUhrZ9RFcHQRrIwjG"
    "jS+yDrmGtgna0nfLh3a/sa94Z6Ih7JVtXQhEvLJtk/XBrnsPGkE0xS4tcWNJ9AkY08iew/"
    "C98fIIQuMFBHGDEA+LsRE+QgM/PoSGExqLKAiNJQiC+Dq2kKoBsC464PJn6wixZRatjhf1"
    "Ml6keaXtWznZZ7VBcKAsq2B4YLjhgGoUKEQh4FCISX7DArh8FWcyZd3GQm8TYbU0++Hm+v"
    "bT5cdXx2fjSckBS3mEJxWioOt4MKii+9cv93c1DO1UoAytY4XGvw3XCTqbn0b/NYs8iyCG"
    "11nHDR0veEv6+++RHNgjsuLGK7VBf47BLtRiEe4GPRDsCh9XStV89eny9zKL8/rj/VX5qy"
    "EPuKpyd3j2cL2eMoEB6yl1HAxCZMeWEs0OMKYrI0sT6J+iMOwWWkjR9BkRBRnO7XPIXRRs"
    "thfECraw6vcMd5UWfU3H3TsdNzeTpyu5YCJHUiU9dBVQ1KTFkUTkS5q0yI5KHVhcBy/nG5"
    "Zm1lVz6ziexlUi+tMvn6Gbcdmayc5sbrsi+H/vNBQb2U548wxpb9U4bH533BiEJe1MmDVs"
    "tUpAE/UPTf8JrTAeDASl+J8Syfnxm8dy9CeJkfysEEnVAIi7oWINvegobS+jtKVBJuy7Fc"
    "UUTAJuP9O68AGLj/eCmEoG5Y4Ne2Clq6zoIM8lFBzfZycC4/vspHZ8k1sVgJEss4UR0amL"
    "3DGL8aH/khu3jJQeuyJjVxcOUDGeNvPRwsQuLW8Pof77KUqpF5tu37TBKpBGmZXRGK/H2I"
    "cgkLNfcgn18D0VKiBz2lA/5rRaPibO9ZHaF2ZE+rHjSLqV3XFsY23oZFdx9zlnuxn0dCve"
    "hxby7R+CNOXMALMQ+pQXt8+kMx/iXx7w/dSmuYaVUm++acfkrGyD7IejekVJIB8dD444gV"
    "Hm7rgpMBpTSUw3bbizwGhpD0QoSMm8rMnuOOloZf9iNjoHWecgD8FTHmg2qs5BPkStc+Il"
    "lRxkC2thjnwOT6ChTikjo2CosYuCu/lrSeBcElMQ6omQSz9pcOknnIqwCxTxCu828uhzIU"
    "2khyz4VSK9Ziz2rcSi5tMx47wdPt1+vPQMfY6Pzmqm3kNnh8Lu3PMsazUP70PPxk8008L8"
    "NlwCPyTlzWVc+FxV3hSRomJLGVbT2pfa4B3Eu9/yF+fi4l2iF0/uLJesNyop3hEtQmPSUi"
    "kSnVApHYHp4+Iy1hEYHYEZxCo/UF9cR2AOUetCERhsxElFX5L27YQD9ru+dRx3kWXRKcyf"
    "6yTSkll2slzyiqCCiHdAuQI+2dAkyRcwceKFmVdVUfU27DshCDGuDndR5uNdlDroWpPY55"
    "aGj5U5aPAwJPiH4KEaIl+OpFYW7AdVbZPiGL2lqj0tHRO4EH/o4SNu9ohcTpyicdeh5gn7"
    "2YIYHb2d7EE16R7E2fhEeAsiofZsUjCpLLovrPeItNRuTzWKKpyTUo2/qmfltV/0pVoBUj"
    "SzqiK4u+DbUVdgt51dlWIke1xzVbDPXGP6OAO/EkprcXqEdZxVyto98OWtF9FJpCynntfS"
    "vp/Ys5KRPUN/uKHDasQ4KRtnb2QJVYW3toWGo+otbKGNvquSqP6s+vxZpZtosuXAKnI9th"
    "H2ZoJVeBGC4FbkVOKPtYYuSwERBJYV0Zj2sj6gglNCA50xIyNtyWVUvHAd+90KHLdbJJRt"
    "Ce2HwsMUBbiy4gignJsAuxvAPZsdhHm4ZWupAC9+C+Pu68ePfShtOVCA11W2zCGuZztzQm"
    "e6xOXaEpf18dyWQMtOElIRMSZxe0u4inntKmJFWKoedAlYT1uClSYYXMePxKg9qYraHAG3"
    "JbR+RkNOClszuKIgRAvIYx5IQZU8Rp2VtoCS41mODYnEVijdJo9RdTBRroMVRlt/eb8snU"
    "v6HKWRIqyQFoAij1EVp+UjCLa1EH4lz/gN/0r0oipMIQi2NQ0e8CNUgmcXOZysGdWQzlmy"
    "ttZndpqJyUdbt5rhWSmzlPZUPn6zWJopfx1WXCIvkHmCzgwcUmYgozhh5n8uoiAbrH0uhy"
    "62oIst9FEVChVboB58wwqdevgCS/M8bbr2zO5L48uny88PBpF4bwBjATHe1hj/Fafq4L88"
    "m5L3ltB3kJ2dpD0lVUSB9QjxJa96VHeLzxWxEOLH6/O5+zNzNa3XOpNfZ/L3ZwkZaE63zu"
    "Q/RK1zeIOVQEuyGEp4Q7mEdoaEE6A5n1QTzTkX0pX9IAt9ld8cm4R5nSbRdN2y3EGn7CZg"
    "QF7u1loIITdx67AA1CEPHfLooypUCHng/7smhW6pO1+NeDC3x40BD3wJA5G3bHkfYunDmU"
    "NrLdpgtV104VBCC1t6rPVBg1wXwjmbmYSCVu2FgFF7UWvTXlRKgwOp0utJ8z7jOvpf/L9P"
    "nz58MBwvPtkI4fnQW/0QGMSGMf4PeaKxmC6BfwZuxMlEro+Epe11Uj3XWtjTgkapZVRjH/"
    "Ck4zkJFtWljduweZGjIgkGdlFIIL6fDPs3wRL7lzPHMlI2nUGfaLy6mly/N5aRbxEKijGj"
    "x2l51uo/DfxroxmhShEtvje+RZOjydlrXqy/kz7W137WC/AuF2AdtddR+x5ZQ8OM3+qo/S"
    "FqXSRq/wSlLPCkuXLVd9s/YB3/ajluWCbQZ/dmQ3iPhWqTHjfUJj2u1iZlgJWAuSilItat"
    "12SzHpFjyZ4SnYno0puFpaCN0pvEkXF8yNsgQMiFwOMrhRUraWWK5bpSR3Zlt8hf3d9/LC"
    "B/dVuK/N99/XR1g7+F0g4hp24eHkzPnFmmEe1caIdYpyvooKDuVTSlZm+ASeJbFzPpYlOg"
    "KQWhUqghCMFc4oSn5KXp+VJmJluTi9Bw5tKG3caPkOx3w74ke8GIY0l/JdNFJiPcC32KRA"
    "/pOQ2CSKHIt6BZ2paTg02fH97nreuxjp7p6NkwHJVhxlF09OwQtS4SPdOnV+nTq7oHt5PT"
    "q1g7VRRjVka9UuSdBClxjyH2Ak3Z4VyWU3BYd4r38jEh2sgCngmqN8BPxQ4IazgfrA5tuA"
    "COXCJ8WVA9tLs5czDB7QViF4djaq5HPJdUD/JOZhQPQjswg2ixAHKrZUVQPcDbn1GyCJ0o"
    "ypmAiitk61t5FC0TEub6ZgekcOQVdFmH66JWIxMuCEJzhlwXi0VL6cMoa8S3zNHq2awml6"
    "JlQ+CaYEESQDhINmVjliT1iTPsRFbNyHTxp2D6EAS8CHYDk6YopuKy28FRvx4KeRyPB/hH"
    "zU5BJqACwE0z/s3vD4XJvkLhyCb8j/d3P6fNy7yOkiHP0OvlmDVlwX7wa0i3yvBr9AlIyp"
    "6ApDi4+gCk9jHlMyjEGQ18eYVG737T8/V5SUJ5+YM5L6lnY1wU302OSyrNDC0gLVFgYqA4"
    "82dTgcOT9NlUrZ9NVc/TrYzxNk5oSeiIX+gTVT6gJY6yxiS2tkAjj7zOaHEqopYFKbeE7C"
    "f6nK9LlXDaBW+e+S4bGPTFr3c9l96MJxDaeG3dgXsPGj56oRzQWM5AMwPkhQFefYtOp2Dy"
    "LTqbvDvH/z0/O8X/hT8eGU5gLLAunDe01IXNKTjQ9sP5FYYzHnnMqY9/fOMRBDlArLAMKz"
    "6eovPnaI533/yfsVHP8c71JrxnmkkouGnawSkExW9SfJyXBFWKruy5JB+TaLWtxyR+PFvf"
    "VCFszheHYa9K8nHM0ybjoWjFilgPjCktZkPcPEN/ZWA/Hv8XY4rwCk8f8p6W8yI7uG+sFR"
    "6o9CiBWUTOczFmzjzCK60B/LjgV4THkDHz0cJwwqoh0UkPkkmDpTEBQgGDgcXSZD9BsUy0"
    "EOX5d/L9sdLaPunbXN1kn8BnbhSx3jzJBLR1ImCdkEnAlKbNFaVU2MHvmjrHTkCiKLMyCg"
    "7m9kGWZyRqDuIAOIjyHC5N35Kkb2lS4o5Iidh5QJIUC1ZEoX3/9lLmdYBFB1h6qIpWAyyV"
    "OURvQ6+BlZ02pXegu4xaMXwWTrCqyHapj1EVKTad1ouSiowcSlhEl6yWglcX3RmmHznQ8i"
    "u66M4hap0TTTiAojuE8IW7M57gamzAt/O3BgRx+s7+w8u6Dk/75QUqjpcIkTJlvG5LCFTv"
    "CDpuLKEl3qQ63lVx5Qy2Rkgt37NThuSNN3c8+AWGYfxqFZex2GDc5DVC2tQMmLZrKQ3XyK"
    "P8AapRA9gLxwsSc90AoeFHXnw42Su69uC+ffQMXGMKPDt4PTamq3hlApHtYD1XCQ0dPF/7"
    "tNqn1T6t9mmV8m60T3uIWhfxafUxTB0dw1Rz0Gl9fY26k053UFdjP5vgrVXQkPBquzS2s/"
    "Qtjp3NpnbVm9hZIlnn+zJNlFyhHJ68MJc8Hxfgp849CPPjO8KIAmHjlxYi6Oa9p88S732r"
    "7mJh0440HbiXzIKx9iS0JzGIhXGgNqX2JA5R64e5O9afTIuNi6i2Xj91Rx/UiCakgRVJdC"
    "d/JkXEjVckBQ14KxrWfS22qDXxcKs1VhfYZEYcO61+IOcSCm49tj+YNyhovm0p835D3M0Z"
    "xRDaxK2VgZmVURHn1pOGPOz0mcAKuV5FU33+gpiCUHdyBEXirkualLmUgubkcM3HqteQx2"
    "WEl4VMQsFPqJMjGEjsSj4lriKoM+OEMuOIrUoyBzaKf5RkW5i8eqYAleauUkRbNDuvKKVS"
    "Ell7EcTsO5CuiV6V1CmQ9SHa/ZScV3746gRTnWDaQ1W0kWDKLy29j2rHg0W3sdwxH192w1"
    "uj25jFWzSvRMYuYzLsDt+eGRjCg7dqX/UqV/rWsxy7JlM6uzduouM4bKvdsXGKBeaF2Djp"
    "mxYq+ovTYeLKeNYTdm9caM+hKcyMyTrG0mtYMXX94qcj93mTPhnJhn41G0ezcTQbhzU3NB"
    "tHFV6GZuMcotY1G2evBIalj/DPXsigy4gouFXVzeYJiAK5EZwK6N0pIYAd7ClYUuWRcwkN"
    "sRDE+LPH0zpeQbGfEsmyRLjCGngh4AOI7W4nlCOZMTIKTtLd8AnkTn9JBTS8AvDS6Ib0rF"
    "GUUm+6OD4SZUs20iUrM4YPl8jfzE0qiSroJw3XL+JQNfIw5ybK5ohrak6f9Z0EiTf7sAui"
    "Ws991rPlUmN5g9gmK6h13Gcdc7aoNp++Tc0MH4jaSzuEm83iWt1DUXdpA1yCM1cU1Jw5yc"
    "3aijckedpISUol/Fvbgw1B8CQ9sBkhhSjMe+aBMkyZbXmg6lW2HZfJXsWpVYBLR8ZsC9g+"
    "JI8Z1ggXhZX5sGu4c7xZuQVYFad+llaimuG6H17iL0vn0goj4I44xMT85riJmfi0dEgCcd"
    "quVW5ihYG4gFjIoqPFB1gOZLsk0HeQTWpi+eHoHyVOo6bdadqdpt3RtVPT7hQjYGna3SFq"
    "XYR2l6+Vohu2uYSCu+Ltk+9KJogoymXLRT2oLwSQvqgF+qJCXWJtO+4EVsNaKskNo9xYG3"
    "FWTi2xmhrQjYci15aBlj4OeUjYbXIeso4T9yBObCHf3qB6QFVQocDmVp6DDlnuIGTJPRuZ"
    "GZO7i7D1bASLB9jK32+vcn9JGM2FPjf3N7s3Xhthy5qtPejqM3ACaBsID4k43pAMvrER2/"
    "cG8Gwjto2Ml0cUQCMO3xk2fHbw6AiMKVwh3CZ8xM7II3I5h1111IcOASq5SNeHALWPqn3U"
    "/UCtfdR9+1lVH3XpAo5B2eiipiLaQ13joeZbdBLo5kIa3zX4xoYNdzurEeKC3EGifDQ+EU"
    "Y5MxclUS7IHSLKZxIg603CehtimNtFIpuEOoSpaYF9VEWrMbb9hIDuUOjMHAskP70SBirc"
    "HzeFgrxyy52VgvPx6rh0SKkziVpw7Oua2RPoL1qJFGYrd0pm32Rxke8/8oh4Q+c6RtTLGN"
    "ET/vEysYu0vYJBi/bjQ6ETulKFEzIBBeHt5KiYKbKlQm9pe/XqJUzE6iVMmuolTDj1EtD0"
    "n9AKY6QkgC6JqYd3+7NFApnselgQU2hzfccMB+2X1ypkIH44h7ZZdcQZI1dGx4yYrhzQb/"
    "0WnRpxmlJBTKU4S1cspYLLqdPU1rBoCsOrT/GTXx9BAH/DANIvqhI+YW+Pm6InWYhoSSSE"
    "4iejB3r4L2GsoJmBPGhQWfIPkLFe3hvfovPp+Y/fotMfj86/RWfnx7MxvvbjxcUJvnME7f"
    "za2eQMt8A3rPiagXyDyuE252f2RXy1yrjZ43uIsHJiRDXrpkeGo06804l3Q1ihFN5T04l3"
    "qmldJPEusy5EI1GZgIIx1U5q/fqhmRLiRIl2RamDptlBz5aGj5U5aPA0TULTJPqoCgVoEr"
    "S+Ese/T+su1Tv2aYGnvZ2Ml63gzDKznp5ASy7JH5OHXrysnBCpYx9RMLIZWrBf+hTxTjfv"
    "KJY0oae5F72cWsc6UqAjBYNY4wbqM+pIwSFqXUcK9h4p0OS2rslt7JtVcH7A9l1d0lNBTA"
    "XqVdOsdPP7Q2FCSiF99eny99eFSenj/d3PaXNGBdcf7690FExHwXoDXu4Nik6tuYSCc2s3"
    "B9phpxmbPoHcoWsVQRUm192cj0kMO86YrnV1WZHd+bpHXWHcsh9Ll5qNPJqipCYz9seBqf"
    "qtFlosSfh4o3hFSVZrutea1htf+04AYAP/gmsUK6IS8rqu4WA2EysjuAVsFSdjs1+t9IEh"
    "zN6ZZzk2JH1XJ+xE9KdfPkO3rv5MAvZt8pjBrr8VvEsxrCX26wnz3XW8py2xInvVH5IHWi"
    "uFhigXMmulMWvCrGu2BINaDW+iiGszg8K0i41bPsqHOWAq7igwEV05dNZAj6zNei5AUWlS"
    "iqiIqmSK7tgJ2MupjYcLfYOvsNtjBfumAlFbtu5cQa5/kE8UGth1wFYm1T5xOamDxrFJUs"
    "et3hLBd8wobdUln1PKzDgUG2PL8L9mEmom4RDm2IFyyjST8BC1LsIkJCsm/bui83qqACvT"
    "DiljvytYgSRwdiLAETg7qaUIkFslrpsTLF2wMmVhLsupyH8RYmQcNzAyjquMDB/JkTfT9l"
    "3hu7+x3H4hN7gADucwgHpwMwH16ESdEGOx0+I8c4bvFcKjFHh8kHOhEspTLNXVJJEO693S"
    "H67u7z8Wltar2zLp9eunqxs8aZTK1lfNXOwHAz9cSBfUqsgpVJmwq+3xHLMW4jMfCg8bFs"
    "4SQZriINtiO5fIzeleWmDO8UTBcaZltt0ul0sfPQP3Q/bYAdohgtuVOXA+tCDGjhc/19hx"
    "sCNUBDtLUt5yp1dBSgw34mJFQYgW0N8WruQx6kyPvKG1c6wGObRAEOAPB+M1Q66LXsxouS"
    "VgP9HnfF2qClh2LKwGTBSwJaK8+93TxgaJF3u4yJZQlQ+AUREusg/cAlFMJXi63IC9hL5j"
    "kfBGZQs2uTNu3ITN2+gt2F2Nk71twdaH/er3YFUIW09OT0Uif6en9ZE/cq8U+VsuZRBOmi"
    "uIbiebArjHkBt9+uuX+7u6NLNMpLyn6Vih8W/DdYIBGyk8cAkYhehqpeJAubjAuLgjSR5w"
    "xQsF7pJN9P3/ASfutHw="
)
