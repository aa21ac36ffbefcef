from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "campaign_review" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "highlights" VARCHAR(50),
    "problems" VARCHAR(50),
    "suggestions" VARCHAR(50),
    "updated_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "campaign_id" BIGINT NOT NULL UNIQUE REFERENCES "campaign" ("id") ON DELETE CASCADE
) /* The campaign owner's three short texts of the effect analysis (推广效果分析表). */;
        CREATE TABLE IF NOT EXISTS "customer_order" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "external_id" VARCHAR(100) UNIQUE,
    "order_date" DATE NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "channel" VARCHAR(32),
    "product" VARCHAR(200),
    "created_at" TIMESTAMP NOT NULL,
    "campaign_id" BIGINT REFERENCES "campaign" ("id") ON DELETE SET NULL,
    "customer_id" BIGINT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE
) /* A purchase by a customer (recorded or imported); RFM scores are computed from these. */;
CREATE INDEX IF NOT EXISTS "ix_order_customer_date" ON "customer_order" ("customer_id", "order_date");
CREATE INDEX IF NOT EXISTS "ix_order_date" ON "customer_order" ("order_date");
        CREATE TABLE IF NOT EXISTS "import_job" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* customers or orders */,
    "filename" VARCHAR(300) NOT NULL,
    "file_format" VARCHAR(8) NOT NULL /* csv or xlsx */,
    "dry_run" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* pending, running, succeeded, failed */,
    "total_rows" INT,
    "processed_rows" INT NOT NULL,
    "created_count" INT NOT NULL,
    "updated_count" INT NOT NULL,
    "error_count" INT NOT NULL,
    "problems" JSON NOT NULL,
    "message" VARCHAR(500),
    "created_at" TIMESTAMP NOT NULL,
    "started_at" TIMESTAMP,
    "finished_at" TIMESTAMP,
    "created_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
) /* A file being imported: its progress, its outcome and its validation report. */;
CREATE INDEX IF NOT EXISTS "ix_import_job_creator" ON "import_job" ("created_by_id", "id");
        ALTER TABLE "budget_line" ADD "spent" VARCHAR(40) NOT NULL DEFAULT '0';
        ALTER TABLE "budget_line" ADD "channel" VARCHAR(32);
        ALTER TABLE "customer" ADD "external_id" VARCHAR(100);
        ALTER TABLE "customer" ADD "source_channel" VARCHAR(32);
        CREATE INDEX IF NOT EXISTS "ix_customer_campaign_channel" ON "customer" ("source_campaign_id", "source_channel");
        CREATE UNIQUE INDEX "uid_customer_externa_6ce83c" ON "customer" ("external_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "uid_customer_externa_6ce83c";
        DROP INDEX IF EXISTS "ix_customer_campaign_channel";
        ALTER TABLE "budget_line" DROP COLUMN "spent";
        ALTER TABLE "budget_line" DROP COLUMN "channel";
        ALTER TABLE "customer" DROP COLUMN "external_id";
        ALTER TABLE "customer" DROP COLUMN "source_channel";
        DROP TABLE IF EXISTS "import_job";
        DROP TABLE IF EXISTS "campaign_review";
        DROP TABLE IF EXISTS "customer_order";"""


MODELS_STATE = (
    "eJztXXtz27i1/yoY/dPsXG3GVmzHm3Y6YzverbtJ3HGcu71tOixFQhLXFKHyYUdt97tfAH"
    "yBJEgBEimREDqzqSziENTvgMB5n/+MlsiGbvD6arXy0bPpvoeWEzjIG70D/xl55hLiD7Vj"
    "xmBkrlb5CPJFaE5dSmQmow2bHT4NQt+0QjxgZroBxF/ZMLB8ZxXGk3qR65IvkYUHOt48/y"
    "rynH9F0AjRHIYL6OMLf//7yEeRZxuOTe7twmfojv7xD/zR8Wz4DQZkzH9GMwe6Nv08sszl"
    "ynTmXkIRU3so+SH4caFPLpFbwG8rHwbkuSkp+SqFw/mW/SaD3oL+7vWKXhxRWvwj6R+/jU"
    "HhAdhZyHNKzZUSN0xHSFdPBp2xwMJ4Pvq9kdJeO/M7L/yRjiWYTw0LudHSy8ev1uECT5wS"
    "OF5Ivp1DD/pmCMkMoR8RJhIeJYxP+RrzKx8S84ShseHMjNyQYfrUyL8bGcan+0fj8+2jYY"
    "wklomFQcRw4EcNKABz8gjf/zCZvHnzdnLy5uLy/Ozt2/PLk0u6YvC16qW3v8UPk6MV34pi"
    "dvfT3adH8kAIr+N4pZMvfqM0ZmgaObdz9NmFVuRBLQNYks1sSEFv4kP6Rc6I/BXcHycmp2"
    "dvzy7fXJxlDMi+acI9xTjHNH7dxQHNxms0OWj6CFNXwLxZmH7d8ozHl8DEjzhEMJfmN8OF"
    "3jxc4D/fTBqQ+9+rh5s/XT28ejP5rrgJfEquTOilIrjsCSgKMEujIMinFwIgn17UgkwuFU"
    "G20HIJ43dZFGOGZCuIk4OspwifnJyIYIyH1aNMLxZxNjkQv8cYhc4S8mE2eQjbCcnr9MMA"
    "l3QDvI93H28/P159/Au5/TII/uVSnK4eb8mVCf12Xfr2VXm5ZzcBv9w9/gmQP8Hf7j/dUj"
    "hREM59OmM+7vFvROIcmVGIsOjwYpg2i0n6dfpVka1FyVTwUC1R6aOVc7SWlA5xGbxEqBK4"
    "e5HHcxZg2KZwYbozA83kFjiHcis+9O2oaF18zPVw8QXOUunVLbW6iaI/e6pXNquM+BH5EG"
    "8mP8M1ZcYdfnDTs3hCfMnc85Deb2DM+C1dbum3+Wvomy+ZjaSwCjEK+LfDMBYcrz7fXL2/"
    "HXF38xYAvmFupSi2pSNsM7ysjWtHeL8EcIh6kii0JdGrAO0DFgcf7m4eR7Wn4P7w7dnJJw"
    "ov5+CvgZhsxVPTenoxfdso7MnkCpqg0jfZ2Oql5WRZ/sb0zDlFifwc8vAVY7wL52a40WSf"
    "jRoLGu0LBJvM9qMrD6QL8ncBIEvH/t7xwAz5wAQvmNfoBaAZsM11AF6hKCR/oNnMseB3r0"
    "clxu18M46roMkrkPxWmLAZ/07nma57PLMfBkaMAfRs+lHEYJ9il36EW3sIkoeRmlT7Cfos"
    "uY0b/ASYaXw7YS3+DMX+JOhTOSaMEP60dILQsb53kfUEkoceg/85BSvoA2thenNY3gb2pJ"
    "37kKBjyJu1ipQKmrdG+Afa9567Tt7FgZi7km2j0doVrewtuV6k1FzvC9c5Rs7k6XOuF87z"
    "KtP5DC8QNfF7gLxu4C3hV2mrTCUgCfAYkqOGLpcpS6IVQi40vRrjekZUwm6KqbqCLBW69g"
    "vZ9f39h8Imcn1XEp4+ffl4ffvw6pTuHniQE9bYerUjoytRqaQnCSJbotLIbrbgaiNYG0Yw"
    "rn2RVcg1tE3Qlt5bPrSHtX3FnokGs1fmuhCweGVuk83GrnsPgiCaYpWWqLHE+mSCaWTPYf"
    "gOvCzMELyYQTwgxMtiDMIFBPj2IQROCJZREIKVGQTx91hCqhrAupiAGz9bFxBbjqLV9qJe"
    "2ot0XGn7Uk72Wm1hHCjTKmgeGK45oGoFClFockKISX7D0nT5LM5oyryNiV4nxGpx9v3tzd"
    "3Hqw+vTi/Gk5IClsYRnlUCBV3Hg0EV3T9/vv9UE6GdEpShdawQ/Be4TtDZ/jT6wyzyLIIY"
    "PmcdN3S84DWZ748jObBH5MSNT2pAfw5gD2oxC3cDHwh2hZcrDdV89fHqr+UozpsP99flt4"
    "bc4Loau8OTh+v5lBEMmE+p4gBIIDuWlGh2AJiuQZYm0D9GYdgttJQK02dIFIxwbj+G3EXB"
    "dr4glrCFU79nuKt06Otw3IOH4+Zi8nQtZ0zkUKrEh64MijpocSRh+ZIOWmRXpTYsboKX8w"
    "5LR9ZVc+s4msZ1Qvrjzw/QzWLZmoOd2dx2RfD/rVNTbGQ74e0zpLNV7bD51XGjEZaMM2A2"
    "sNUqAU2hf2j6K7TCeDEQlOI/JZLz4yeP6ehPEgvys0IkVQMgnoaSNcyirbS9tNKWFpmw7l"
    "YkUzAJuP1M68ILLL7eC2QqCZR7FuxNKz1lRRd5TqHg+r44E1jfF2e165tcqgCMZCNbGBKd"
    "ushdsxgf+pfcumWo9NoVWbu6cICK9rSZj5YGVml5PoT696dIpZ5tun3RBrNAGmWWRmO8GW"
    "MfmoGc/JJTqIfvuVABmfOG+jHn1fIxca6PlF+YIemHx5FMK+txbONs6MSruP+cs/0seuqK"
    "96GFfPt3QZpyBsxZCH0aF3fIpDMf4l8e8PXUpr2GpVJvv2lH5Ky4QQ4To3pNg0A+OB4ccQ"
    "yjzNVxk2E0DiUx3HTg3gyjJR+IkJGSeViD9Thpa2X/bDY6B1nnIA9BUx5oNqrOQT5GrnPs"
    "JZUcZAtzYY58TpxAQ51ShkZBU2MXBXfzx5LAuUSmINQTIZV+0qDSTzgVYZco4hXebYyjz4"
    "l0ID1kwa8G0hPRxOPVOm/YMXIS9fTE9veLYMWtHN24gDOaw6zf0ckBDFDbLV8dcNuzCqE6"
    "HJRZ5+2Egx7GyJShzzExsZypNzCxS2F/1qUs6Tr3TkHPxnc00r4SNlyZfkiq88tYoHJWeV"
    "NEauKtZILyNj7UFs8gPv2OvzgnF58SvXhyrYiy2Sil+ES0hpJBK/1ITEKptAGxj4fLWBsQ"
    "tQFxEKf8QE1J2oB4jFwXMiBiIU7KFJCMb8eaddjzrWMzgGwQqMLhn50YCjPJTjYVokKoIO"
    "IdRAyaPvHHk9whmCjxwoGDVVL17IidxLcxqg73UK4xJhaojrpUKta5peFjaY4aPAwJ/iF4"
    "qYbIl4uxLBP2I9Jym9ouvY20fFo5hulC/KKHCzxsgVyOnaLR51Bzh0N5IF5PDuiDuBifCb"
    "sgksi0bep9lUm1t6cZ6qoVVTilqmp/VU/Ka79mUbWAqWhiYIVwf8a3k67Abjs5MMVIttt4"
    "lbDPofL0dgA/EkpLyXokaD4r9LZ/4MuuF9FNpEynntbSQfRDvyqe9gz94ZoOqxbjpOqhvZ"
    "UkVCXeWRYaDqt3kIW2eq9KpPq16vNrlTrRZKvZVeh6LCMcTASrxEUIgluhUyl+rDV02RAQ"
    "QWBZEo1pL8tbKrglNIQzZsFIO8YyKl53kX1vBbpFFwPKdoT2feFmigJcOXEEUM5FgP0t4J"
    "7tDsJxuGVpqQAvfgrw6cuHD32ozDpQgDcVZs0hro925pjOdIXWjRVa6+25LYGWNcJSETGm"
    "7sCOcBXLMqiIVZIYRsB62hGsNMHgJr4lRu1JVdTmyHRbQusnNOScxg2LKwpCtIS8yAMpqJ"
    "LbqHPSFlVu324NontyL0VxcjzLsSGh2Amqu+Q2qr50NCbECqOdd6ifV84VvY/SSJHomRaA"
    "IrdRFafVwgx2laT+Qu7xC/6V6EVVmEIz2FWEesS3UAkeqVxXthzeswNf6qG89+Ajwv+IS1"
    "kP2R0VORi3TAxmZfOGHOGSCL85XdhgCky0mzZcKT2XzlRuSVwsV5c/DksukWzK3EGnmw4p"
    "3fQA1VH6th93HSCkK3joCh59ZIVCFTyoWajhhE7NRgJH8zwduulcHl2Bzx+vHh4BoXgHTL"
    "CEGG9rjD/F+V/4k2fTiNAV9B1kAycEyygIwZRUVjatBcRfea9HJWa1eV8RCSG+fUVA0Od1"
    "L89rXR5Cl4fozxEy0EIBujzEMXKdE4xasUolh6GENpRTaGVIOKue80o1xc7nRLraKWShrw"
    "bNxyJhXvxLNAe8THfUeeAJGJCXELgRQsjNBjwuALXJQ5s8+sgKhUweiY+mweiRe3EEzB65"
    "E2mz4eOR9H9KCAGNi/5dAEhJBQiCBfJDEMJvYQDQjBop4GwGrRDg3+OuAycAr75GF2/My6"
    "/ROXw7w5/Pz/Dni7c/WPibyckF/XzyNbq8vLj8rmoc2fPcmyuzajuJtpNoO8lI20kU1Ji1"
    "neQYuS5iJ1k484WL/+MFg9XbSopU6hWXOBeriNdQEK+izvsI/+6lFMosjcZ4M8ZBNJ/DIO"
    "Tn2NTDXCLTSG9GOt3xZRN7K3Q6rZcjfvXK5nIkKkiDxSVftC3YXNROnay839KJk1WLi4jp"
    "K42M3YPh66DvQ3dmr91MWfj/bkgfO2pYqdqxmMvjRiMW/gr/uHxkyyG1Kx/OHNqLxjbXuw"
    "XKHIv1Z8dTrd6uk/NCXBxOKRR00F4KiGiXtRLaZaXzpynVWTUZ3mdcR/+H//fx4/v3wPGo"
    "SdhCeI/z1sRq7Cwh+DfyRM1lXQL/bLoRp1JjvbEyHa+LjnLFsAP5ZmheKeXYe7zpeE6CRf"
    "Vo4w5sPuQoSYKBXSQSCFVNlv33wQpazsyxQJptDOgdwavryc07sIp8i6SegZkP8crwrPXv"
    "Af610YykSBIuvgNfo8nJ5ILjmelojpY9MPoA3vEA1o4V7VjpkTQ0TBO7dqwcI9dFHCtPUE"
    "oCT4Yr153s4kxAvr44qxWwyaXiJop/tVyaY0bQZ/VmS3hPhXo3nTb0bjqt9m5igJWAuUil"
    "Itat96ywFsixeCUmGhoU5SS6NVHhKGijNRFRZBwf8vwuCLnQ9PhMYclKXJliuq7YkX2zX+"
    "Sv7+8/FJC/viu5VD59+Xh9i9+FUrA7p68IXkzPnF2mEe2caI9YpyfooKDulTWlxjfAFDnb"
    "ZDPpwinQVE2jUsg2CM1YdRSrqZE8NOlJHxoZbU1ZjYae9FtOG99Cct4t55KcBSOOKf21zB"
    "QZjfAs9C4SM6R9bAWRQpFvQaPkapODjfVo7jJr+m1aI0b+CXThlz5HJ4y1HU/b8YahMg3T"
    "oqPteMfIdRE7HolJkTGDpOOVs+S1n0Keylui0KbjFbQtTYTseJMGO96kasdjJWZRjFka9S"
    "KhOzGX4hlDrI8assu5TKfgsu4U79UiCfmRBTwjVG+Btx/qn4IGl6YjV12yTKge2p3s2ilu"
    "LxCrOBxRczPiOaV6kHeyo3gQ2oERRMulKXdaVgjVA7yDNK3UViicoJUSqHhCtu5UpGgZkM"
    "TQb9fKmkOvoMo6XBW1apkomX9lXq0KpXo7WPuKK/yGXw7PdLkZevVgl8haQbpHBoJOjmbX"
    "DEJjhlwXvxHRykiLblU3tLrYHy75jjW9erbcG1DnlPSyIV6B5pJkWXGQbKreV6LUbe/ZdV"
    "2t4OfiXd7woRnwnDMN4WpFMvX243OhfeK8YZ8454jwKOQFUj3iPbdGdE8JVAC4SZi5/etj"
    "QY6pxEllssyH+08/pcPLwVMlHZXJYZELXysT9iOIjUyrTBDbzDXncyy6z5BP95HAmXv8/t"
    "WNYVZNt9FBbhJBbgTILc6BEpkK29Q+rGfl7tiCMREVOl2ZpLqSKwFxguBW6DS4VXDZiD9B"
    "XFkSlSrstoYpP1pOPFKNT6/Q6j1sZR26fqsc6aqoTt9W+2/pcttQzYV9zQulXB5uPz8+3N"
    "08jmp26RagfV+42bDWuCi+leNJAOTSztAC0hJFiQaKM383rSkRxRfq9rdZDBTjihwrXYHr"
    "sB3ah7JH8zYD1/F27YScwvWZ3jFtRKskZtTNGEdxtwUaueVNFheuImqZK2NHyH6k9/myUg"
    "mnfaSwxdtYQx5bts9tTmYzUDZWoO5PVm1nugZmXpDnlQ8tch8bIB84yxXyMSO/+z14+PEj"
    "CPAVGADTj4tlRfgKmPloScpnBZBX+KebSSTT7vKMr/gAIyjFnrvNeU3x4DzzLvHnCebcyc"
    "+0YQKdMtXLlCntv9+b/774moi67YtUR92BaytPfYtO+iGht42XfougKR0tJRUttfKRHVlS"
    "kcwMiXoId+r30impqiQniqSkHrRVQN9esj2KluVImBrHXSMHioQque8O3CCTqRWzq0meud"
    "XAWCFsLy4p29xOAbwtR3s8duzDsF03jPZNWoypucGuVTRICxi3Ypu4mHXr3oPARy+0rkdM"
    "R/p+sgaor9H51Jx8jS4mb96S5p4X5/hf+MMJcAKwxKx1vqeF1G1OOeu2b87tLFF6jZIfX+"
    "4wwankQ0azxDI1l2KvQ34fbYTq2zE1bjBC5XyTS9bZWinq2xHVtd6pRTMtmvWRFa2KZgeW"
    "HRiPa5PwUHTMikgPjHdYTIa4fYb+GkAvxP9iTBE+4elN3tFmMSR16XtrjRcqMD0bzCJiwA"
    "MzZx7xnVdOWBUkOplhN9+YGQoIDCyWBvsKinnFQpRXd5Sfj6XW8knf9uom+QQ+cyMIG9xj"
    "z/zsEC2d8KQTsgkY0qUQilTq2cbbL4fAbkCiKLM0Ci7m9kGW9zoo620YiHchxaTRvSCftK"
    "Zyvlonecs6G39Pfn6sPCDJ9CqWRCEPWXtlkLWBRRtYesiKznxfdENoAVu1U1DYbbNXHq/3"
    "0LRdx+OaqrJr4yb7lM2OEnJrpRTE54SIJ4pGUlMT0csC+hA4YQAwmRlH7AMXi2fEUYVXkB"
    "3wnVm73fKr99V7JPYqrPdPSai3E1D7Ve4awzwNF+/APz34jbQtgat/ZmPwH4AYvlYrdw3I"
    "dTLrVy8eaob/JA/g/R5AaimjozElGe1AO4kpR55N+92aLojLouPfwM5V72N7wuuerqnpr9"
    "CiqXrN/rXQDCPKvuTpBExXKbSGHcn1TElmwmSSEyEMldRkpcYw20+c5t6KTcvrhbP13MUM"
    "VW0W7JuEMW4wC+p2I7rdSH9kEoVjO3W7EdW4zrG5VdsGJ0KOqMEtHa+gmbp9n0suOUoJEA"
    "UybazYOlY6AUlOeigS9VeAwHICNK0FIFtqGhAQq2lLLOMHh5EcEtFc8vzIqRQ8O4Z7VlRF"
    "hExrlnifCjT7e51Out3JWntjUluB5CvDkLXwzvTT8KfEK5ObLYSjbjOKPstYSVds8F+whK"
    "SCrp20ODp8bMAh6hr27AXSdTgHBC5+f7Y4AHIqvf/3bf+vOEzr3U/sQQF3LbJ0m/lgPify"
    "Vj/Oip09fp2WWmIqTnL9dKzroMlTVxi3yVdXD8nmAG0pR8WxeCl23I61/0H7H4awQw7UEq"
    "39D8fIdRH/g3rtzokCj6cDT3A9BvD1/DWAZtxd5vAOCd0Bvf3qc1tJ+2mhhl0r0YpXtOgb"
    "N2plfV7Eb0sFewerCjejFAU7I6RWhGin+uKtN3c8+BmGYfxoFZWxOGDcpDVCOtQImLEboz"
    "xvkEezfONgS9NeOl6QiOvADIEfebFP8BU9e/DcPno2XTAl0ZjfjUlUJD2ZzMh2MJ+rIZ8d"
    "3F/rtFqn1Tqt1mmV0m60TnuMXBeKqYOcvjENIXXx8P5qtFtqWBdnAgrWxVmtfkUuFTdRWh"
    "atCm19+9eMYP9tXw/jH2utwauEVtupsF10afGk7YrTq0HczsZmEUkirTCyhCaSjbTAMvCL"
    "mWUZvQYkuSleGUTwBUQchgHwUCUfKXxxLG4XjNbvz01nyrJhYim5GOdI4SinN+mMmF5mxA"
    "wqrLX3WlLRAy+B6P5jGgeE5fEEAo9ICmqerUq27iS/Uv1Al0KuenwKbcH1IuVwOH808Uyl"
    "kgQ021ZCCGdI9i+Gj/4wizz6AGAaOW7oeMFrMt8fRwMWzksFfVixTlwoKxGqdIwdtigKW7"
    "ShyI4tuiHntxoYK0Srd5SWYZ+qzmZNKzlqJ9vQsl7hzNpnCqmauwQFNlVtFSrznj3qFiVb"
    "TXzXuQfh9qUa8tnTe4nPvtN0MfGG+htaEe6lIqzdWNqN1Z8Db6AODe3GOkauH2do5paOrA"
    "6KcWfyh2yn2irlMLrVjmiJAnNNC74tSHMCL8SyMHhFuhSY3prGFH23s9mM09B2iUVmJFXj"
    "JKdQMO61/cUcRMul6Uu5vBkSBSHupLH1DEKbqLUyMLM0KuLceu54XFbB4vvWGsLki2QKQt"
    "1JD+HjcRIdpatA1dIXvdmtEtuVfNeECqFuniDUPIHIqsQ2vZX9o0Sryzb0ee8qWbQFzYsl"
    "KpVcau1ZELP3YLqWQ5dDqevJ1JtopeEt0+nlq3uQ9MUN1OBu1z1ImMN3px4kD/jYfLi7eR"
    "zV7CctICyYZzpYdMt7qAC+rMNbo9vY6KUoXomsXUZk2B++PRMwhBdvVb7qVTudP6EogA+R"
    "i//zRpyQnML1cVNYzoKMNHw8FP8TjxVIA6FUgFCBV7bpuGvgwyXhqT8GLxA+4S9sZw6D8D"
    "vgmx6YIR+YxGHvIPsdQHhhjYHjAeLreEH+E/R5qSCdzMFNByFz0JVOiXXuR39knTGoD3lJ"
    "uSZq6cm4rJ49rX1HVvIqSMCbUygIcPsGS7xlbWE5y6m0wb93RrOe5IneLVfID/+MpjzBIL"
    "/YKBU4dJjxazJOQCKYOficnkLMXxATQ3wKk254Kx8RYIMx/QtFIZatIO2YR/5+Nl3Hjsur"
    "+JCQ8SSBVu8tGz9cVmOEIohz/Ax6A9QUQazli17KFyq2A8qriAEsLiPfTqplHf48JO+4bE"
    "k+lqbPqG8r1Qn57d40+O3ecGJnMGYG1pWWPOGjGWqGrM9oj6zgmazub27wbZu1fSkA+mUt"
    "5JeVyA5/nWrWpZ0cIReaXk1kR05VwnqKyboCO/tmv9Ld9f39h4Jgd31X2q0/ffl4fYt3lF"
    "LLeV7iupqBFli98mwM75gUnfPohyCyLAhtaI/xDPj1tPuxkYcoNF3DRy8cLtRKLkUi7cqs"
    "Lmws6lpY3sSSqCS0VULdearOT2yhyOMcixv9xBmdhrYMbZr1IgtthU5DW4YW+j7ypYEtUW"
    "lYOTst/pVLqboOLI0u7FCQ5doo7LDEB5g5l9INGRId0SkW0anzWRXLbBTJZ8Xqj78d14uU"
    "Ooa3b+6IotXHc4LFVmwukWo+95nPhw147Rlj2xAMm4ItDxAM2DOE24kFPHQw1Z1nOXZNz8"
    "Ps2rjRXcqO2l9po6TjjZRjMnlSw2La5dT4JTm1hegKxqDj/ceF9hwawmWGsokx9YYSQ3Xz"
    "4rsj93mbORnKhnm1H7aXflhd2kiXNurPkaewKqhLG6nGdY7OoEsb7TGINrYKy6DLkPTZHd"
    "0ru6UZBXIrOCXQhmEhgB2sKVhS0UI5hYZYCGL82uNtHZ+gWE+JZEvucIk18ELABxDL3U4o"
    "V7GLoVFwk+6mOIvUDp0RaHhFUkngNrtGkUq97eL0RLT0XGPtucqOEacSbKUmlUgV1JOGqx"
    "dV1WHGzLlVK5cqufad9ZnfiZF4uxe7QKr53Gc+Wy4VlrewbbKEmsd95jHHRbX99m3oMpsD"
    "YXvJQ7jdLq7ZPRR2lxzg4g7aEqEuQCbprK1oQ/wacLX4l6hUwr81H2xoBk/SC5shUiiC68"
    "BF9ZhImR2jvG6YWw1seQuHehW3VoHCZGTNtoDtY3KbYa1wUViZF7smdo63K7cAq+J19Eon"
    "Uc1yPUxc4s8r58oKI9MdcQIT84vjpsjEp5VDujGk41qNTaxEIC4hJrLoavFNTGdmXhJaG8"
    "qgGQO6vFp/Tr0x0GF3OuxuCPv5QAOwdNjdMXJdJOwuPyvFM1pTCgW94u0H35VEEFGUy5KL"
    "elC3XN+oINtxN7CaqKUS3TB6N7ZhZ+U0Znw23YjX+xJaztJ0a8StlKaMXEz0OiFWDLvbm7"
    "uPVx9enV6MJ6ViUOnaPeNEiGo78cHtxBapNiifmVolVMiw2VlqqjZZtmSyvLn6fHP1/rZs"
    "XsvW5P4sbD1bweIGtvL726vcX2JGc6HPzf3Nro03WtiyYRsrJT+YTgBt2p8gtjcki28MYv"
    "meVi+OZSPwskABBLH5Dtjw2cGrIwBTuEZ4TLjAysgCuXa1YnJHc2gToJKHdL0JUOuoWkc9"
    "DNRaRz20nlXVUVeuyREoG1XUlERrqBs01NxFJ4FuTqTx3YBvLNhw3VmNEBfojhLlk/GZMM"
    "qZuCiJcoHuGFG+kABZOwnrZYhhuotEnITahKnDAvvIilZtbIcxAX1CoTNzLDP56RUzUOH6"
    "uMkU5JVH7q0UnI9Px5VDSp1J1IJjH9fI7kB/0VqkMFt5UrL7JoeL/PyRR8gbJtc2ol7aiF"
    "TsktUb+1DohK5U4YSMQEF4J0L5/JOGdP5JNZt/imwp01s6Xr16CROxegmTpnoJE069BDT9"
    "FVphjJQE0CUy9fBuf7dIIJM9DwtkCjnX9xzhoPXyWoYMRA/nhG1WFXFGyJXhMUOmKwf0m7"
    "9FpUY8TKlAppKdpasopYLKqdPUNkTRFJZXn+wn91E4Rd8+Jv2WOAaU4oBxkwUF0aFCtpPR"
    "FQgcGwI4m2HxBbz4ThhCD7w44QKEC5gk8uCPZghoxc8AOOEYf/R9hwTHRCEwZyGJjkHLpc"
    "PtO976/SWtOnnrRgmrSgyhkfQL1QaVfsqNx2VQGeG/TBc/BvgvWEVT1wkW+BN8Tvb+w5dQ"
    "XJlrF5kc3Bta/uUk/ej4R6ZVpuOf1qaOQtoun3AyjC7Tar2qb5yuyP6HEVD/sjAD+AvmIX"
    "20injKXm4UTjMf5opQiAmpj1hStGlINZoB5EFAackfZhaW/Q58jd5O3/7wNTr/4eTt1+ji"
    "7elsjL/74fLyDF85gXb+3cXkAo/AF6z4O4B8QOnwmLcX9mX8bVWYPeBziISNx4jqsPBBSK"
    "i6MoSuDNGfQ1LhoC9dGUI1rnNEpUpliEy6ELUAZAR9NgFs6SXtpBmFHxppxoZoJkiR6qjz"
    "QKBnS8PH0hw1eDqOV8fx9pEVCsTx0gKgHP0+LQxar9inFUgP1ro5O8GZY2azp4fWBJXv44"
    "xevKzeJWm0FFEwsh1acF56F/FJt58opjSgp4ODe7m1jrWlQFsKBnHGDVRn1JaCY+S6thQc"
    "3FKgsy+6zr5gn6yC8yOW7/g4l8hUyA1o2pVu//pY2JAq8RXZpvTh/tNP6fBy0IW2gmkrWF"
    "/Ay7VB0a01p1Bwb+2m4zJWmrHoE8h1Ba4QqrC57qeBOxHsOGu6VtVlSfan6550hXHLeiw9"
    "arbSaIqUOiqsPwpMVW+10HJFzMdb2StKtJrTfeb0zDXnpBP2DPn0dAmcubfk5v5cI+RC0+"
    "Mzvek2pQUwxffpahfNvtkv16/v7z8UGH59V5b1v3y8vsXCQqmcFMdOqB2Rh84YZh0xgjID"
    "S6IS8roQ+mCcu5UV3AK2imdvsm+tdIdBxpfpWY4NydzVDTsh/fHnB+jWFaxMwL5LbjNYea"
    "iCd8mmSFIfSaqs63hPO2JFYgfeJze01gotUS5k1lpj1oRZ19ErDGo1cSxFXJsjWgy7OLjl"
    "3p9MR9p4osBA9OTQWRw9kjbrYzOKTJNiRIVUJVF0z0rAQdq8Hy/0DbrCfvuQ940ForJsXS"
    "Nyrn6QbxQa2E3AVjbVPsXWUgWNI5Okilu9JIKvGFE6qsv4Wikx41hkjB3dMTqyU0d2DmGP"
    "HWiMn47sPEaui0R2khOTfq7wvD50g6VpJ0jmsCdYIWjj4kwgZuPirDZkg1wqxR46wco114"
    "YszGU6FeORhCJkThsiZE6rETI+kgumTcd3he/h1nL7lZ/h0nQ43cPqwc0I1Avv6iRQGSst"
    "zjNn+TbGKuREe4xMSJf1YAMTsB5s+uFSugJvhU6hUuZducdzzFqwz7wv3GxYOEsYaYqLbA"
    "d3LqGbU19aYMzxRsFRpmXcblerlY+eTfd9dtsByiGC7socOB9aEGPHs59r7DjYkVAEO0sa"
    "39HTq2BIDNfiYkVBiJbQ3xWu5DbqbI+8pbV3rAa5tOLIVRrI6rroxYhWOwL2I73Pl5WqgO"
    "GNHvm2BkwCsBWieRD7DxsbJF5sN8IdoSp3jFQRLuIHbiFQTCV4unTA/gKnC4SersIQLldk"
    "xoortjRi3OSUfYnHGiYzuOXwMDwnlsv9daInpTPp4LDehMKMG9y7zMIQNL8wFCqFJLXmvZ"
    "X33ynrtxuun67qnk3ypS28x0q8LCUqbamsvi/Q9xEntaTBpZESqOfS6CRj3Y78uPP2UiZp"
    "vUSlt3quB6Mg+sjEVRcIVQL3sKG9KbAteDkSMfs9c8eBcUTc11FYjX0KRy0zoV4dYvm0WR"
    "9i10nbChH07BVyMscRbX5mPMF1RSWqqZvqwW9hqrCRmC5C1Vw+NftVEV3P6UKms9cWai09"
    "plDLwXSilLZhNq3v9VLf0+G8Opy3PyfUQAM7dTjvMXJdJJw3P+wrTG9QaFmiPkeZjph2yE"
    "4IYsdTMAYoEaQPH+sbQ0nBk2ZAStVnDvQmqFr30d3e9tlJH11VK22Okv7meH0kShu06ed4"
    "JR2+AmeiqcnY1lgSXRCyLC+X9V9J8YlDrgsG9kdkqkrKrhmExnbuFR6p9rFUXymKk7SjpU"
    "ilvS1i3pb0kNpi6yrT6n2rz/sW5lNqOEczaRcQj1qhrWvPxXVKxmzB46NEpZIbrqtEItby"
    "346D7Za548CwFnWwldaZrIOtomsYLppzdhuJiMxqDKEi0O8jNjNbsfXeSHZRb/ZGsi+VLp"
    "0zqK1yrH1t2tc2iB1zoF4X7Ws7Rq6L+NoiX6oSRjK8z7buftkxGjr2NRTNUa9j3x6qjuQO"
    "SI4bod6jViLrh1eNzKeOVw1iuYBzqjR41TIKBXea08mliPtsclnvPyPXdMmdA5Xc0Y1oOj"
    "eQ6U4pQiaxljqlJDZ0h3dubmEPUzDYv1OD2BWG3lqMOHaw5Mq4sWJ0PkYbvYa0/Y23MXrV"
    "i0z1Vi8VZKbJ+bmIwnB+Xq8wkGslmWm1kkE4Ga4gup1UMMUzhtxSefWqGEOyfzXsMA771h"
    "SuijS1z1yz3/4fXMqC0Q=="
)
