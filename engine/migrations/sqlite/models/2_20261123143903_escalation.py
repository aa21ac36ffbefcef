from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "deadline" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "object_id" BIGINT NOT NULL,
    "generation" INT NOT NULL /* +1 each time the deadline moves */,
    "due_at" TIMESTAMP NOT NULL,
    "next_step" INT NOT NULL,
    "next_at" TIMESTAMP,
    "status" VARCHAR(16) NOT NULL /* active | met | done */,
    "owner_id" INT,
    "department_id" INT,
    "met_at" TIMESTAMP,
    CONSTRAINT "uid_deadline_kind_bcc2be" UNIQUE ("kind", "object_id")
) /* One deadline of one record and where its escalation ladder stands. */;
CREATE INDEX IF NOT EXISTS "ix_deadline_due" ON "deadline" ("status", "next_at");
CREATE INDEX IF NOT EXISTS "ix_deadline_overdue" ON "deadline" ("status", "due_at");
CREATE INDEX IF NOT EXISTS "ix_deadline_owner" ON "deadline" ("owner_id", "status", "due_at");
CREATE INDEX IF NOT EXISTS "ix_deadline_department" ON "deadline" ("department_id", "status", "due_at");
        CREATE TABLE IF NOT EXISTS "house_rule_run" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "rule" VARCHAR(32) NOT NULL,
    "period" VARCHAR(16) NOT NULL,
    "ran_at" TIMESTAMP NOT NULL,
    CONSTRAINT "uid_house_rule__rule_312360" UNIQUE ("rule", "period")
) /* A house rule (daily reminder, weekly digest) ran for a period: once, in any worker. */;
        CREATE TABLE IF NOT EXISTS "outbox" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* escalate | publish | event */,
    "payload" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "processed_at" TIMESTAMP
) /* A side effect written with the change that causes it, carried out after commit. */;
CREATE INDEX IF NOT EXISTS "ix_outbox_pending" ON "outbox" ("processed_at", "id");
        CREATE TABLE IF NOT EXISTS "escalation_step" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "generation" INT NOT NULL,
    "step" INT NOT NULL,
    "due_at" TIMESTAMP NOT NULL /* when the step was due */,
    "applied_at" TIMESTAMP NOT NULL,
    "actions" JSON NOT NULL,
    "deadline_id" BIGINT NOT NULL REFERENCES "deadline" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_escalation__deadlin_ddd804" UNIQUE ("deadline_id", "generation", "step")
) /* A ladder step that was applied. The unique key proves no step is applied twice. */;
        CREATE TABLE IF NOT EXISTS "webhook_endpoint" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "url" VARCHAR(500) NOT NULL,
    "description" VARCHAR(200),
    "event_types" JSON NOT NULL,
    "secret" VARCHAR(128) NOT NULL,
    "active" INT NOT NULL,
    "owner_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT
);
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "event_key" VARCHAR(64) NOT NULL /* the change it reports, once */,
    "event_type" VARCHAR(64) NOT NULL,
    "payload" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL /* pending | delivered | dead */,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMP,
    "last_status_code" INT,
    "last_error" VARCHAR(500),
    "delivered_at" TIMESTAMP,
    "redelivery_of_id" BIGINT,
    "endpoint_id" INT NOT NULL REFERENCES "webhook_endpoint" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_del_endpoin_7c7915" UNIQUE ("endpoint_id", "event_key")
);
CREATE INDEX IF NOT EXISTS "ix_webhook_due" ON "webhook_delivery" ("status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "ix_webhook_endpoint" ON "webhook_delivery" ("endpoint_id", "id");
        CREATE TABLE IF NOT EXISTS "webhook_attempt" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "attempt" INT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "status_code" INT,
    "error" VARCHAR(500),
    "duration_ms" INT NOT NULL,
    "delivery_id" BIGINT NOT NULL REFERENCES "webhook_delivery" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_att_deliver_c5bae4" UNIQUE ("delivery_id", "attempt")
);
        ALTER TABLE "customer" ADD "flagged_for_reassignment" INT NOT NULL DEFAULT 0;
        ALTER TABLE "customer" ADD "flag_reason" VARCHAR(200);
        ALTER TABLE "task" ADD "flagged_for_reassignment" INT NOT NULL DEFAULT 0;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "customer" DROP COLUMN "flagged_for_reassignment";
        ALTER TABLE "customer" DROP COLUMN "flag_reason";
        ALTER TABLE "task" DROP COLUMN "flagged_for_reassignment";
        DROP TABLE IF EXISTS "webhook_attempt";
        DROP TABLE IF EXISTS "webhook_endpoint";
        DROP TABLE IF EXISTS "house_rule_run";
        DROP TABLE IF EXISTS "escalation_step";
        DROP TABLE IF EXISTS "deadline";
        DROP TABLE IF EXISTS "webhook_delivery";
        DROP TABLE IF EXISTS "outbox";"""


MODELS_STATE = (
    "eJztXftz27i1/lcw+qXZudqMrTiON+10xq/duhvHncS5u7fNHZYiIYk1Rah82NHt7v9+Af"
    "AFkiAFSKREQuhMs7KIQ1AfQOA8vnPwn9ES2dANXl+uVj56Nt0baDmBg7zRe/CfkWcuIf5Q"
    "22YMRuZqlbcgX4Tm1KVCZtLasNnm0yD0TSvEDWamG0D8lQ0Dy3dWYdypF7ku+RJZuKHjzf"
    "OvIs/5dwSNEM1huIA+vvCPf4x8FHm24djk3i58hu7of/8Xf3Q8G36DAWnzn9HMga5NP48s"
    "c7kynbmXSMTSHkp+CH5c6JNL5Bbw28qHAXluKkq+SuFwvmW/yaC3oL97vaIXR1QW/0j6x+"
    "9jUHgAthfynFJ9pcIN3RHR1ZNBeywMYdwf/d5IZa+c+Z0X/kjbEsynhoXcaOnl7VfrcIE7"
    "TgUcLyTfzqEHfTOEpIfQj8ggkjFKBj4d13i88ibxmDAyNpyZkRsygz418u9GhvHx4dH4fP"
    "toGCOJaWJhEDEc+FEDCsCcPML3P0wmb968m5y8Ob94e/bu3duLkws6Y/C16qV3v8cPk6MV"
    "34pidvfT3cdH8kAIz+N4ppMvfqcyZmga+Wjn6LMTrTgGtQPAimwehhT0pnFIv8gHIn8F9z"
    "cSk9Ozd2cXb87PsgHIvmnCPcU4xzR+3cUBzdprNDlo+ghLV8C8Xph+3fSM25fAxI84RDCX"
    "5jfDhd48XOA/30wakPvvy0/Xf7n89OrN5LviIvAxuTKhl4rgsjugKMCsjIIgn54LgHx6Xg"
    "syuVQE2ULLJYzfZVGMGZGtIE42sp4ifHJyIoIxblaPMr1YxNnkQHyDMQqdJeTDbPIQthOR"
    "1+mHAU7pBngf7+5vPz9e3v+N3H4ZBP92KU6Xj7fkyoR+uy59+6o83bObgF/uHv8CyJ/g7w"
    "8fbymcKAjnPu0xb/f4d6JxjswoRFh1eDFMm8Uk/Tr9qjisRc1UcFMtSemtlbO1lowOcR28"
    "JKgSuHvRx/MhwLBN4cJ0ZwaayU1wjuRW49C3raJ19TG3w8UnOCulZ7fU7CaG/uyp3tisDs"
    "SPyId4MfkZrulg3OEHNz2Lp8SX3D2f0vsNbDB+T6db+m3+GvrmS+YjKcxCjAL+7TCMFcfL"
    "z9eXN7cj7mreAsDXzK0Uxba0hW2Gl/Vx7QjvlwAO0U4ShbakehWg/YTVwU9314+j2l1wf/"
    "j2bOcThZez8ddATJbiqWk9vZi+bRTWZHIFTVDpm6xt9dJysix/Y3rmnKJEfg55+Ioz3oVz"
    "M9zoss9ajQWd9gWBTW770aUH0gn5hwCQqWN/73hghnxgghc81ugFoBmwzXUAXqEoJH+g2c"
    "yx4HevR6WB2/lmnFBBU1Qg+a0wGWb8O51nOu9xz34YGDEG0LPpRxGHfYpd+hFuHSFIHkaq"
    "Ux0n6LPmNm6IE+BB4/sJa/FnJPanQZ/KDcII4U9LJwgd63sXWU8geegx+K9TsII+sBamN4"
    "flZWBP1rkPCTqGvFurKKmge2uEf6D94Lnr5F0ciLsrWTYavV3Ryt5y1IuSetT7MuocJ2fy"
    "9PmoF/bz6qDzB7wg1DTeAxzrhrEl41VaKlMNSAI8RuSooct1ypJqhZALTa/GuZ4JlbCbYq"
    "muIEuVrv1CdvXw8KGwiFzdlZSnj1/ur24/vTqlqwdu5IQ1vl4dyOhKVSrZSYLIlqQ0sps9"
    "uNoJ1oYTjOtfZA1yDW0TtKX3lg/tYX1fcWSiwe2VhS4EPF5Z2GSzs+vBgyCIptikJWYs8T"
    "6ZYBrZcxi+By8LMwQvZhA3CPG0GINwAQG+fQiBE4JlFIRgZQZB/D3WkKoOsC464PJn6wix"
    "ZRat9hf10l+keaXtaznZa7WFc6Asq6B7YLjugKoXKEShyaEQk/yGpenyhziTKY9tLPQ6EV"
    "ZrZG9ur+/uLz+8Oj0fT0oGWMojPKsQBV3Hg0EV3b9+fvhYw9BOBcrQOlYIfgOuE3S2Po3+"
    "NIs8iyCG91nHDR0veE36+/NIDuwR2XHjnRrQnwPYjVrMw90wDgS7wsuVUjVf3V/+WmZxXn"
    "94uCq/NeQGV1XuDk8frh+nTGDA45QaDoAQ2bGmRLMDwHQNsjSB/g0Uht1CSymaPiOiIMO5"
    "fQ65i4LtYkGsYAu7fs9wV2nT13Tcg9NxczV5upZzJnIkVRqHrhyKmrQ4kvB8SZMW2VmpHY"
    "ub4OW8w9LMumpuHcfSuEpEf/z5E3QzLlsz2ZnNbVcE/987dcVGthPePkPaW9UPm18dNzph"
    "STsDZg1brRLQRP1D039BK4wnA0Ep/lMiOT9+8liO/iQxkp8VIqkaAHE3VKyhF+2l7aWXtj"
    "TJhG23opiCScDtZ1oXXmDx+V4QU0mh3LNib1rpLis6yXMJBef3+ZnA/D4/q53f5FIFYCTL"
    "bGFEdOoid85ifOhfcvOWkdJzV2Tu6sIBKvrTZj5aGtik5cUQ6t+fopR6vun2VRs8BNIosz"
    "Ia480Y+9AM5PSXXEI9fN8KFZB521A/5m21fEyc6yMVF2ZE+hFxJN3KRhzb2Bs6iSruP+ds"
    "P5OehuJ9aCHf/kOQppwBcxZCn/LiDpl05kP8ywO+ndq01rBS6q037aiclTDIYTiqV5QE8s"
    "Hx4IjjGGWujpscozGVxHDThntzjJZiIEJOSuZhDTbipL2V/fPZ6BxknYM8BEt5oNmoOgf5"
    "GEed4y+p5CBbeBTmyOfwBBrqlDIyCroauyi4mz+WBM4lMQWhngiZ9JMGk37CqQi7RBGv8G"
    "4jjz4X0kR6yIJfJdJrxmLfSixqPh0zz9vh0x3GSs/Q59jo7MjUW+jsVNifeZ5lrebufejZ"
    "+I5GWpjfhivTD0l5cxkTPh8qb4pIUbGVDKtp40Nt8Qzi3e/4i3Nx8S7Riyd3lkvWG5UU74"
    "gWoTFoqRSJTqiU9sD0cXMZaw+M9sAMYpcfqC2uPTDHOOpCHhisxEl5X5L27bgDDru/dex3"
    "kWXRKcyf68TTkml2slzyiqCCiHdAuTJ9EtAkyRcwMeKFmVdVUfUC9p0QhBhTh7sp8/EuSh"
    "11rUlsc0vDx8ocNXgYEvxD8FQNkS9HUisL9oOqtk1xjN5S1Z5WjmG6EL/o4QI3WyCX46do"
    "jDrU3OEwIYjRyevJAYYmjUGcj8+EQxAJtWebgkll0UNhfUCkpaI9VS+qcE5K1f+qnpbXft"
    "GXagVI0cyqiuD+nG8nXYHddnZVipHscc1VwT5zjentAH4klNbi9AjrOKuUtX/gy6EX0UWk"
    "LKee1dK+ndizkpE9Q3+4rsOqxzgpG2dvpQlVhXfWhYYz1DvoQlu9VyVR/Vr1+bVKg2iy5c"
    "Aqcj3WEQ6mglV4EYLgVuRU4o+1hi5LAREElhXRmPayPqCCS0IDnTEjI+3IZVS8cB373goc"
    "t1sklO0I7U3hZooCXNlxBFDOVYD9TeCerQ7CPNyytlSAFz8F+Pjlw4c+lLYcKMCbKlvmEN"
    "eznTmuM13icmOJy3p/bkugZScJqYgYk7i9I1zFvHYVsSIsVQ+6BKynHcFKEwyu41ti1J5U"
    "RW2OTLcltH5CQ04K2zC5oiBES8hjHkhBldxGnZ22gJLjWY4NicROKN0lt1F1MlGugxVGO7"
    "95P6+cS3ofpZEirJAWgCK3URWn1cIMdtUQ/kbu8Qv+lehFVZhCM9hVNXjEt1AJnn3kcLJq"
    "VEM6Z0nb2pzZaSQqH23daoZnpcxS2lP5+M1iaab8cVhxibxA5g46M3BImYHMwAkz/3MRBd"
    "lg7XM5dLEFXWyhj0OhULEFasE37NCphS+wNc/TphvP7L4En+8vPz0CIvEemGAJMd7WGH+K"
    "U3XwJ8+m5L0V9B1kZydpT0kVUdNaQPyVVz2qu8X7imgI8e31+dz9Wbma9mudya8z+fuzhQ"
    "w0p1tn8h/jqHN4gxVHS7IZSlhDuYQ2hoQToDmvVBPNORfSlf0gC32V3xyrhHmdJtF03bLc"
    "UafsJmBAXu7WRgghN3HruADULg/t8ujjUKjg8sD/uSaFbqk5X/V4MJfHjQ4P/BUGIm/Zch"
    "xi5cOZQ2st2uZ6N+/CsbgWdrRY650G+VgI52xmEgpqtRcCSu1FrU57USkNbkqVXk+a9xnX"
    "0f/g/93f39wAx4tPNkJ4PfTWfwgA0WHA/yFP1BfTJfDPphtxMpHrPWFpe51Uz9UWDrShUW"
    "oZHbEbvOh4ToJFdWvjNmze5KhIgoFdFBLw7yfT/vtghe3LmWOBlE0H6B3Bq6vJ9XuwinyL"
    "UFDAjB6n5VnrPwL8a6MZoUqRUXwPvkaTk8n5dzxffyd9bK79rDfgfW7A2muvvfY90oaG6b"
    "/VXvtjHHURr/0TlNLAk+bKVd9t/4B1/KvluGGZQJ/Nmy3hPRWqTXraUJv0tFqblAFWAuai"
    "lIpYt16TzVogx5I9JToT0aU3C1tBG6U3iSHj+JAXIEDIhabHHxRWrDQqUyzX1XBk3+wX+a"
    "uHhw8F5K/uSp7/j1/ur27xu1CKEHLq5uHJ9MxZZRrRzoX2iHW6gw4K6l55U2piA0wS3yaf"
    "SRdBgaYUhEqhhiA05xInPCUPTc+XMjLZmlyEhjOXtuw2voVkv1v2JdkLRhxL+muZLjIZ4V"
    "7oXSR6SM9pEEQKRb4FjVJYTg42fX54n0PXY+09096zYRgqw/SjaO/ZMY66iPdMn16lT6/q"
    "HtxOTq9i9VRRjFkZ9UqRd+KkxD2G2Ao0ZKdzWU7Bad0p3qtFQrSRBTwTVG+CvxU7IKzhfL"
    "A6tOHSdOQS4cuC6qHdzZmDCW4vEJs4HFVzM+K5pHqQd7KieBDagRFEy6Upt1tWBNUDvP0V"
    "JfPQiaKcCai4Q7YeyqNoGZAw17c7IIUjr6DJOlwTteqZcM0gNGbIdbFYtJI+jLJGfMccrZ"
    "6tanIpWjY0XcNckgQQDpJN2ZglSX3iDLuQVTMyXfwqGD40A54Hu4FJUxRTcdvt4KhfD4U8"
    "jscj/FYTKcgEVAC4acW//fWxsNhXKBzZgv/h4eNPafMyr6OkyDP0ejlmTVmwH/wa0q0y/J"
    "qZa87nWL+ZIZ+uI4Ez9/hHRzQyQJpuo/k3EvwbAuQW+0BJTIVlah8uBn38l6rHfykOrj79"
    "q31M+fQhcToPX16h2XvY2hT6sDChohSDOSysZ3NcFN9tzgorrQwtIC1RXWWgOPNXU4GTw/"
    "TBbK0fzFZPUq/M8TaOJ0q4uJ/pHVU+nSgOMcQMzrZAI7e8zjihKqKWeeh3hOxHep8vK5Vw"
    "2kfSCPNeNqSPFN/ezYkkRryA0MYbi248eBD46IUSoGM5gGbAzKtivPoavZ2ak6/R+eTNO/"
    "zvu/O3+F/4wwlwArDEY+F8T+u82JxqG23fnF9eO0uiiBNK4h/feP5GDhArLJMSEi/R+X10"
    "gkPf7J8xqE9wyMdNmDCQSSjIGOjgCI7iOyk+z0uCKnlXDlyPksky3NViEj+bsG9DIazOF6"
    "dhr+pRctTTJuWhqMWKaA+MKi2mQ9w+Q38NsB2P/8WYIrzD05u8p7XsCH3he2uNJyo9R2MW"
    "kcOMwMyZR3inBaYfV7uL8BwCMx8tgRNWFYlOepDMmC3NCTMUUBhYLA32FRRLwwxRnnwq3x"
    "8rrfWTvq3VTfoJfOZ6EevVk0xAaycC2glZBAxpzmhRSr24cPu8UXYBEkWZlVFwMrcPsjwd"
    "VxNwB0DAlSeuqMxZ6YS7qBm5e2LkYuMBSVIsWBGF4v7t1YvQDhbtYOnhULTqYKmsIToMvQ"
    "FWdtmUjkB36bW6gabtOh7XVZVdGzf5p2y2lVBYK5UgMSdEIlHQQr5NXUQvC+hD4IQBwGJm"
    "HN4ELlbPSKAKzyA74AezdrvlV++r90j8Vdjun5Li8k5A/Vd5aAyPabh4D/7pwW+kqhpc/T"
    "Nrg/8AxPG1WrlrQK6TXr96cVMz/Cd5AO+PAFJPGW2NJUlrB9pguiZRN+TZtBy/6YK4fgz+"
    "DWxf9TG2Jyc+ZAtN/wUtStdpjq+FZhjR4UueTsB1lUJr2JFcSbekJywm2RHCUEl1Vqpbt3"
    "3HKf9OrFteqb6t+y6y1LRbsG8axrjBLajrsum6bP3RSQZaoUvXZTvGUef43KqnGji880cb"
    "jjVwuCePquCmbj/mkmuOUgpEQUw7KyRViRz+BCQ57aEo1F8FAusJ0LQW8Vl5CSEgNtOWWM"
    "cPDqM5JKq55P6RSym4dwx3r6iqCJnVLPE+FWT0mYjlNyb1FUi+MoxYC+9MPx1/SrwyudtC"
    "mHWbSfRZx0oO7QC/gSUkVTTsLU9rbZ8bcIjc5p69QDoXf0Dg4vdniw0gl9Lrf9/W/0rAVC"
    "gBEqtIO2ak3WYxmM+JvtWPvaLfeWlM1jk3TseGDpoidYV2XR5pJBWoOJYohT5VWccfdPyh"
    "r1uljj8c46iLxB/UOxeGGPC4O/AE12MAX89fA2jGFSYPH5DQR8W0XwF/K20/rUuza9kO8T"
    "o+fRuNWl2fx/htqbrJYE3hZpSiYGeE1GKIdmov3npzx4OfYRjGj1YxGYsNxk1WI6RNjYBp"
    "u5HleY08muUbky1Ne+l4QaKuAzMEfuTFMcFXdO/Bffvo2XTBlLAxvxsTViTdmczIdvA4Vy"
    "mfHdxf27TaptU2rbZplbJutE17jKMuxKmDUqdfJc37a9FuaWGdnwkYWOdntfYVuVRcRGlZ"
    "tCq09UdAZAL7P/rhMPGx1g55kLBqO1W2iyEtnrZdCXo1qNtZ24yRtFnfvswTmkg20gLrwC"
    "9mlmX0GpDkpnhmEMUXEHUYBsBDlXyk8MWxYFXf7uD+3HSmLBsm1pKLPEcKRzm9SWfE9DIj"
    "ZlC01t5bScUIvASi++c0DgjL4yECj0gKap6tSpbuJL9SfaJLIVc93oW2GPWi5HBG/mj4TK"
    "WSBDTbVkIJZ0T6cQIb6U+ZE9hKap24UlYSVGkbO2xRFLZoQ3E4tjgRJb/VwIZCtHpHaRr2"
    "qepsVuGfY3ay1f/rDc7srAEhU3MXUmBT1VahMu/5wcXyJVvjAxsh3L5UQ957ei/x3nfqLh"
    "beUH9DG8K9NIR1GEuHsfqz4Q00oKHDWMc46sdJzdwykNVBMe5M/yBTn/9S8UGuSja9VP15"
    "oUa0RIG5pgXfFuRwAi/EujB4RU4pML015RR9t7PbjLw31fy6BZKqcZJLKMh7bX8yB9Fyaf"
    "pSIW9GREGIW6MWF5YMCG1i1srAzMqoiHPrueNxWQWLH1troMkXxRSEeiI0pScNU3rCqUV+"
    "NEGiowwVqFr6ojerVeK7kj81oSKoD08QOjyB6KrEN72V/6Mkq8s29HntKnm0Bd2LJSmVQm"
    "rteRCz9yA7NlwQXY6kridT76KVhrcsp6evPoOkL2GghnC7PoOE2Xx3OoPkE942P91dP45q"
    "1pMWEBbMMx0suuU1VABfNuCt0W086KWoXonMXUZl2B++PVMwhCdvVb/q1XE6f0FRAD9FLv"
    "6/N+JQcgrXx020nAVpafi4Kf4nbiuQBkKlAJECr2zTcdfAh0sypv4YvED4hL+wnTkMwu+A"
    "b3pghnxgkoC9g+z3AOGJNQaOB0is4wX5T9DnpYJ00gc3HYT0QWc6Fda5H/3RdcagnvKSjp"
    "qopycbZfX8ae0HspJXQQLeXEJBgNt3WOIlawvPWS6lHf69c5r1JE/0zrMcu6aEZ3atUSdw"
    "2Fb7Y+omBZxkmLrpkxoWU/1JnCobHyZoPeFRdKE9p2fPibFms46xtPyJdbQ5vjtyn7fpk5"
    "Fs6FerLb1UWzRTVzN1+7PnDpSzqZm6xzjqmql7WJvQR/hnL6WMwlxEQauwG2KFGQVyMzgV"
    "0MwVIYAdbClYnD2hHuFcQkMsBDF+7fGyjndQbKdEsgxSrrAGXgj4gBz/7oRyBHRGRsFFuh"
    "uuodQKnQloeEU8o3CbVaMopd5ycXoimknRmEpRWTF8uEL+dmZSSVRBO2m4dhGHxpm7Obeq"
    "TFQV17TdPo934iTe7sUuiOpx7vM4Wy5VlrfwbbKCeoz7PMacENX2y7ehs8YGMuylCOF2q7"
    "ge7qEMdykALsGnLwpqPr1ksLZiDUmemV2SUgn/1mKwoRk8SU9sRkih9KYD54gwTJldc0TU"
    "O3JtXCaCF5dWAZ49mbMtYPuY3GZYM1wUVubFruHV81blFmBVPC2ktBPVTNfD8BJ/XjmXVh"
    "iZ7ohDTMwvjpuYiU8rhxQXSdu1yk2sMBCXEAtZdLb4JpYzsygJpTqTepl+qLMF+rPrjYGm"
    "3Wna3RDW84ESsDTt7hhHXYR2l++VogHbXELBqHj75LuSCiKKcllzUQ/qCwGkL2qBvuAnvi"
    "W6HXcBa0p/y+WGUYq0DT8rp85ozeGEN9BylqZbo27VnU8YC71OhBXD7vb67v7yw6vT83G8"
    "GOAl3YnNtXTunnEYotpPfHA/sYV8e4vKQlVBhRybO1kO2mW5B5dldopMzWTen4etZzNY3M"
    "FWfn97VReEuNFc6HNzf7Nr440etqzZxlIgn0wngDYttxH7G5LJNwaxfg9Mz06KcoCXBQog"
    "iN13wIbPDp4dAZjCNcJtwgU2RhbItaulQDrqQ7sAldyk612A2kbVNuphoNY26qHtrKqNun"
    "JNjkLZaKKmItpC3WCh5iE6CXRzIY3vBnxjxYYbzmqEuCB3lCifjM+EUc7URUmUC3LHiPK5"
    "BMg6SFivQwwzXCQSJNQuTE0L7ONQtOpjO4wL6CMKnZljmclPr7iBCtfHTa4gr9xyb6XgfL"
    "w7rhxS6kyiFhz7uEZ2B/qL1iKF2cqdktU32Vzk+488It7QufYR9dJH9IR/vIzvIm2voNOi"
    "ff9Q6IRyJXszAQXh7eQYuSmypVxvaXv16iVMxOolTJrqJUw49RLQ9F/QCmOkJIAuiamHd/"
    "urRQKZ7H5YEFMouL5nhoO2y2sHZCB2OIe2WTXEGSVXZowZMV05oN/jWzRqxGlKBTGV/Cxd"
    "sZQKJqdOU9vAoilMrz75Tx6icIq+3WM736TzpeJAKTYYN3lQEG0q5DsZXYLAsSGAsxlWX8"
    "CL74Qh9MCLEy5AuIBJIg/+aIaAVvwMgBOO8Uffdwg5JgqBOQsJOwYtl07IO1Cn9ftLenVW"
    "PrIwalDKqxJDaKygZ5MfMtYOlT7qjcflUBnhv0wXPwb4DayiqesEC/wJPidr/+FLKK7MtY"
    "tMDu5//fzwsYbbkIuUNToHrxe/AfwrO9v0R3+aRZ5F0AXTyHFDxwtek27/PNq/ikcgKmh3"
    "KdCv7i9/LY/B9YeHq7LaRm5wpa2pY9S2yzuczECXZbVd1beRruj+h1FQ/7YwA/gLHkP6aB"
    "X1lL3cqJxmMcwVkRBTUh+xpmhTSjWaAeRBQGXJH2ZGy34Pvkbvpu9++Bq9/eHk3dfo/N3p"
    "bIy/++Hi4gxfOYF2/t355By3wBes+DuAfEDlcJt35/ZF/G1VmT3gc4jQxmNENS18EBqqrg"
    "yhK0P0Z5NUmPSlK0OoNuocValSGSLTLkQ9AJlAn10AW0ZJOzmMwg+NNGNDNBOkKHXUeSDQ"
    "s6XhY2WOGjzN49U83j4OhQI8XloAlGPfp4VB6w37tALpwY5uznZwZpvZHOmhNUHlz3FGL1"
    "5W75IctBRRMLIVWrBfehfxTrfvKJY0oKfJwb1cWsfaU6A9BYPY4wZqM2pPwTGOuvYUHNxT"
    "oLMvus6+YJ+sgvMj1u/4OJfEVMgNaFqVbn99LCxIFX5Ftih9ePj4U9q8TLrQXjDtBesLeL"
    "k1KLq05hIKrq3dnLiMjWas+gRypwJXBFVYXPdzgDtR7DhzutbUZUX2Z+uedIVxy3Ys3Wq2"
    "smiKkpoV1h8Dpmq3Wmi5Iu7jrfwVJVk90n0e6ZlrzslJ2DPk090lcObekpv7c4WQC02PP+"
    "hNtylNgCm+T1eraPbNfkf96uHhQ2HAr+7Kuv6X+6tbrCyUyklx/IQ6EHnojGE2ECOoM7Ai"
    "KiGvC6EPJrhbmcEtYKt49ib71kqfMMjEMj3LsSHpu7pgJ6I//vwJunUFKxOw75LbDFYfqu"
    "Bd8imS1EeSKus63tOOWBHuwE1yQ2ut0BTlQmatNWZNmHXNXmFQq+GxFHFtZrQYdrFxy2d/"
    "MifSxh0FBqI7h87i6JG2Wc/NKA6a1EBURFVSRfdsBBzkmPfjhb7BVtjvOeR9GwJRXbbuIH"
    "KufZAvFBrYTcBWFtU+cWupgcbRSVLDrV4TwVeMKG3VJb9WSs04Fh1jx3CMZnZqZucQ1tiB"
    "cvw0s/MYR12E2Ul2TPq5Mub11A1Wph2SzGF3sAJp4/xMgLNxflZL2SCXStxDJ1i55tqQhb"
    "kspyIfSYghc9rAkDmtMmR8JEemTdt3he/h5nL7lZ/h0nQ4p4fVg5sJqEfv6oSojI0W55kz"
    "fRu5CrnQHpkJ6bQeLDEB28GmHy6lK/BW5BQqZd5VeDzHrAX/zE3hZsPCWcJJU5xkO4Rzid"
    "ycxtICY44XCo4xLRN2u1ytfPRsujfZbQeohwiGK3PgfGhBjB3Pf66x42BHqAh2ljS+Y6RX"
    "QUoM1+NiRUGIltDfFa7kNuosj7yptXesBjm1YuYqJbK6LnoxotWOgP1I7/NlpSpgeKFHvq"
    "0BkwBshWgexP5pY4PEiz2NcEeoyidGqggXiQO3QBRTCZ4uA7C/wOkCoafLMITLFemxEoot"
    "tRg3BWVf4raGyTRumR6G+8R6ub9O7KS0J00O6w0VZtwQ3mUmhqD7hZFQiZLUWvRWPn6nbN"
    "xuuHG6ang2yZe28Bor8bKUpLSnsvq+QN9HnNSShpBGKqBeSKOTjHU78uOTt5cySeslKb3U"
    "cyMYBdVHhlddEFQJ3MNSe1NgW4hyJGr2DXPHgY2IeKyjMBv7REctD0K9OcSO02Z7iJ0nbR"
    "tE0LNXyMkCR/TwM+MJrismUU3dVA9+C1ODjXC6iFRz+dTsV0V0PqcTmfZeW6i19JhCRw6m"
    "HaWyDb1pe6+X9p6m82o6b392qIESOzWd9xhHXYTOm2/2lUFvMGhZoT6zTEfMcchOCOLAUz"
    "AGKFGkD8/1jaGk4EkPQCrV5xHoDalan6O7ve+zk3N0Va20OUrON8fzIzHaoE0/xzPp8BU4"
    "E0tNxrfGiuiCkGV9uWz/SqpPHHFdMLA/KlNVU3bNIDS2C6/wRHWMpfpKUZykAy1FKR1tEY"
    "u2pJvUFktXWVavW31et/A4pY5zNJMOAfGkFVq69lxcp+TMFtw+SlIqheG6SiRiPf/tBNhu"
    "mTsODGvRAFtpnskG2Cq2huGiOWe1kWBkVjmEikC/D25mNmPro5HspN4cjWRfKl06Z1BL5V"
    "jH2nSsbRAr5kCjLjrWdoyjLhJri3ypShhJ8z77uvvlx2g4sa+haI56J/btoepIHoDkhBHq"
    "I2olsX5E1Uh/6kTVINYLOLtKQ1Qtk1BwpTmdXIiEzyYX9fEzck2X3DlQyR19EE3nDjJ9Uo"
    "qQS6ylk1ISH7rD2ze38IcpSPbv1CF2iaG3FiOOHyy5Mm6sGJ230U6vIS1/422cXvUqU73X"
    "SwWdafL2rYjB8PZtvcFArpV0ptVKBuGkuYLodlLBFPcYckvl1ZtijMj+zbDDBOxbM7gq2t"
    "Q+c81+/39p4QBJ"
)
