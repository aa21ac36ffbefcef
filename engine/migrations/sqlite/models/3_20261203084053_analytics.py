from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "ix_stage_change_customer";
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
        ALTER TABLE "budget_line" ADD "channel" VARCHAR(32);
        ALTER TABLE "budget_line" ADD "spent" VARCHAR(40) NOT NULL DEFAULT '0';
        ALTER TABLE "customer" ADD "source_channel" VARCHAR(32);
        ALTER TABLE "customer" ADD "external_id" VARCHAR(100);
        CREATE INDEX IF NOT EXISTS "ix_customer_campaign_channel" ON "customer" ("source_campaign_id", "source_channel", "id");
        CREATE UNIQUE INDEX "uid_customer_externa_6ce83c" ON "customer" ("external_id");
        CREATE INDEX IF NOT EXISTS "ix_stage_change_customer" ON "customer_stage_change" ("customer_id", "at", "to_stage", "deal_amount");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "ix_stage_change_customer";
        DROP INDEX IF EXISTS "uid_customer_externa_6ce83c";
        DROP INDEX IF EXISTS "ix_customer_campaign_channel";
        ALTER TABLE "budget_line" DROP COLUMN "channel";
        ALTER TABLE "budget_line" DROP COLUMN "spent";
        ALTER TABLE "customer" DROP COLUMN "source_channel";
        ALTER TABLE "customer" DROP COLUMN "external_id";
        DROP TABLE IF EXISTS "customer_order";
        DROP TABLE IF EXISTS "import_job";
        DROP TABLE IF EXISTS "campaign_review";
        CREATE INDEX IF NOT EXISTS "ix_stage_change_customer" ON "customer_stage_change" ("customer_id", "at");"""


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
    "QZjfAs9C4SM6R9bAWRQpFvQaPkapODjfVo7jJr+m1e0GO759DlX/ocozDW1jxtzRuG4jRM"
    "u4625h0j10WseSQyRcYYko5Xzp7XfiJ5KnWJQpuOV9DCNBGy5k0arHmTqjWPlZtFMWZp1I"
    "uH7sRoimcMsVZqyC7nMp2Cy7pTvFeLJPBHFvCMUL0F3n7AfwoaXJqOXI3JMqF6aHeya6e4"
    "vUCs4nBEzc2I55TqQd7JjuJBaAdGEC2XptxpWSFUD/AOkrVSi6FwmlZKoOIJ2bprkaJlQB"
    "JJv11Daw69girrcFXUqmWiagQWfrUqlOrtYO0rrvAbfjk80+Xm6dWDXSJrBekeGQg6OZpd"
    "MwiNGXJd/EZEKyMtvVXd0OoigLjkO1b26tlyb0CdU9jLhngFmkuSa8VBsqmGX4ly50J+A4"
    "Jxmzp+Lt7lDR+aAc850xC0ViRTbz8+F9onzhv2iXOOCI9CXjjVI95za0T3lEAFgJuEmdu/"
    "PhbkmEq0VCbLfLj/9FM6vBxCVdJRmUwWuSC2MmE/QtnItMqEss1ccz7HovsM+XQfCZy5x+"
    "9i3Rhs1XQbHeomEepGgNziHCiRqbBN7cN6Vu6RLRgTUaHT9UmqK7kSFicIboVOg1sFl437"
    "E8SVJVGpzm5rmPJj5sQj1fj0Cq3ew9bXoeu3ypGuSuv0bbX/li63DTVd2Ne8UNDl4fbz48"
    "PdzeOoZpduAdr3hZsNa42L4ls5ngRALu0MLSAtUZpooDjzd9OaQlF8oW5/m8VAMa7IsdJ1"
    "uA7bp30oezRvM3Adb9d+yClcn+kd03a0SmJG3YxxFHdboJFb3mRx4SqilrkydoTsR3qfLy"
    "uVcNpHIlu8jTVks2X73OaUNgNlYwWq/2Q1d6ZrYOZleV750CL3sQHygbNcIR8z8rvfg4cf"
    "P4IAX4EBMP24ZFaEr4CZj5akiFYAeeV/uplEMvkuz/uKDzCCUuy525zXFA/O8+8Sf55g5p"
    "38TBsm0ClTvUyZ0v77vfnvi6+JqNu+SHXUfbi28tS36KQfEnrbeOm3CJrS0VJS0VIrH9mR"
    "JRXJzJCoh3Cnfi+dkqpKcqJISupBGwb07SXbo2hZjoSpcdw1cqBIqJL77sBtMpmKMbua5J"
    "lbDYwVwvbikrLN7RfA23K0x2PHbgzb9cRo36TFmJob7FpFg7SAcSu2iYtZt+49CHz0Qut6"
    "xHSk+ydrgPoanU/NydfoYvLmLWnxeXGO/4U/nAAnAEvMWud7Wk7d5hS1bvvm3P4Spdco+f"
    "HlPhOcej5kNEssU3kp9jrk99FGqL4dU+MGI1TON7lkna2Vor4dUV3rnVo006JZH1nRqmh2"
    "YNmB8bg2CQ9Fx6yI9MB4h8VkiNtn6K8B9EL8L8YU4ROe3uQdbRlDUpe+t9Z4oQLTs8EsIg"
    "Y8MHPmEd955YRVQaKTGXbzjcU2mxDlVRjZHK3NsgQLs8G+nWIOM3ZiU3o+llqLLn3bxptE"
    "F/jMDS5s8Jw98xNHtODCE1zI/mBIV0koUqlnNm+/UgK7AYmizNIouJjbB1neIaGsI2Igjo"
    "cUk0bPg3w+m8qpbJ2kNOtE/T2FAGC9AklmXrEkCjnP2quQrG0v2vbSQ1Z05hajG0IL2Kqd"
    "ncJum71yhr2Hpu06HteKlV0bN5mubHaUkMcrpSDuKEScVDTImlqPXhbQh8AJA4DJzDiYH7"
    "hYPCM+LLyC7IDv59rtll+9r94jMWVhvX9KosCdgJq2cq8Z5mm4eAf+6cFvpK8JXP0zG4P/"
    "AMQmtlq5a0Cuk1m/evFQM/wneQDv9wBSIxodjSnJaAfaSbg58mzaENd0QVwxHf8Gdq5699"
    "sTXvd0TU1/hRbN4mt2vYVmGFH2JU8nYLpKoTXsSK6pSjITJpOcCGGopCYrdY7ZfuI0LVds"
    "Wl6znK3nLiavarNg3ySMcYNZUHci0Z1I+iOTKBz2qTuRqMZ1js2t2lc4EXJEDW7peAXN1O"
    "37XHLJUUqAKJBpY8XWYdQJSHLSQ5GovwIElhOgaS0A2VLTWIFYTVtiGT84jOSQiOaS50dO"
    "peDZMdyzoioiZFqzxPtUoNnf63TS7U7W2huT2gokXxmGrIV3pp+GPyVemdxsIRyQm1H0Wc"
    "ZK2maD/4IlJMV17aT70eFjAw5R8rBnL5Au0TkgcPH7s8UBkFPp/b9v+3/FYVrvfmIPCrhr"
    "/aXbzAfzOZG3+nFW7Ozx67QKE1OMkuunY10HTZ66wrhNvrp6SDbHbks5Ko7FS7Hjdqz9D9"
    "r/MIQdcqCWaO1/OEaui/gf1OuEThR4PB14gusxgK/nrwE048Yzh3dI6Obo7Rem20raT2s4"
    "7FqkVrzYRd+4USvr8yJ+W6rlO1hVuBmlKNgZIbUiRDvVF2+9uePBzzAM40erqIzFAeMmrR"
    "HSoUbAjN0Y5XmDPJoAHAdbmvbS8YJEXAdmCPzIi32Cr+jZg+f20bPpgimJxvxuTKIi6clk"
    "RraD+VwN+ezg/lqn1Tqt1mm1TquUdqN12mPkulBMHeS0lGkIqYuH91ej3VLDujgTULAuzm"
    "r1K3KpuInSimlVaOs7w2YE++8Iexj/WGu9XyW02k6F7aJLiydtV5xeDeJ2NjaLSBLpkpEl"
    "NJFspAWWgV/MLMvoNSDJTfHKIIIvIOIwDICHKvlI4YtjcRtktH5/bjpTlg0TS8nFOEcKRz"
    "m9SWfE9DIjZlBhrb3XkooeeAlE9x/TOCAsjycQeERSUPNsVbJ1J/mV6ge6FHLV41NoC64X"
    "KYfD+aOJZyqVJKDZthJCOEOyfzF89IdZ5NEHANPIcUPHC16T+f44GrBwXirow4p14kJZiV"
    "ClY+ywRVHYog1FdmzRKDm/1cBYIVq9o7QM+1SQNutnyVE72V6X9Qpn1llTSNXcJSiwqaCr"
    "UAX47FG3KNlq4rvOPQi3L9WQz57eS3z2naaLiTfU39CKcC8VYe3G0m6s/hx4A3VoaDfWMX"
    "L9OEMzt3RkdVCMO5M/ZJvYVimH0ch2REsUmGta8G1B+hZ4IZaFwSvSwMD01jSm6LudzWac"
    "XrdLLDIjqRonOYWCca/tL+YgWi5NX8rlzZAoCHEnPa9nENpErZWBmaVREefWc8fjsgoW37"
    "fWECZfJFMQ6k7aCx+Pk+goXQWqlr7ozW6V2K7kuyZUCHXzBKHmCURWJbbprewfJVpdtqHP"
    "e1fJoi1oXixRqeRSa8+CmL0H07UcuhxKXU+m3kQrDW+ZTi9f3YOkL26gBne77kHCHL479S"
    "B5wMfmw93N46hmP2kBYcE808GiW95DBfBlHd4a3cZGL0XxSmTtMiLD/vDtmYAhvHir8lWv"
    "2un8CUUBfIhc/J834oTkFK6Pm8JyFmSk4eOh+J94rEAaCKUChAq8sk3HXQMfLglP/TF4gf"
    "AJf2E7cxiE3wHf9MAM+cAkDnsH2e8AwgtrDBwPEF/HC/KfoM9LBelkDm46CJmDrnRKrHM/"
    "+iPrjEF9yEvKNVFLT8Zl9exp7TuykldBAt6cQkGA2zdY4i1rC8tZTqUN/r0zmvUkT/RuuU"
    "J++Gc05QkG+cVGqcChw4xfk3ECEsHMwef0FGL+gpgY4lOYdMNb+YgAG4zpXygKsWwFacc8"
    "8vez6Tp2XF7Fh4SMJwm0em/Z+OGyGiMUQZzjZ9AboKYIYi1f9FK+ULEdUF5FDGBxGfl2Ui"
    "3r8OchecdlS/KxNH1GfVupTshv96bBb/eGEzuDMTOwrrTkCR/NUDNkfUZ7ZAXPZHV/c4Nv"
    "26ztSwHQL2shv6xEdvjrVLMu7eQIudD0aiI7cqoS1lNM1hXY2Tf7le6u7+8/FAS767vSbv"
    "3py8frW7yjlFrO8xLX1Qy0wOqVZ2N4x6TonEc/BJFlQWhDe4xnwK+n3Y+NPESh6Ro+euFw"
    "oVZyKRJpV2Z1YWNR18LyJpZEJaGtEurOU3V+YgtFHudY3Ognzug0tGVo06wXWWgrdBraMr"
    "TQ95EvDWyJSsPK2Wnxr1xK1XVgaXRhh4Is10ZhhyU+wMy5lG7IkOiITrGITp3Pqlhmo0g+"
    "K1Z//O24XqTUMbx9c0cUrT6eEyy2YnOJVPO5z3w+bMBrzxjbhmDYFGx5gGDAniHcTizgoY"
    "Op7jzLsWt6HmbXxo3uUnbU/kobJR1vpByTyZMaFtMup8YvyaktRFcwBh3vPy6059AQLjOU"
    "TYypN5QYqpsX3x25z9vMyVA2zKv9sL30w+rSRrq0UX+OPIVVQV3aSDWuc3QGXdpoj0G0sV"
    "VYBl2GpM/u6F7ZLc0okFvBKYE2DAsB7GBNwZKKFsopNMRCEOPXHm/r+ATFekokW3KHS6yB"
    "FwI+gFjudkK5il0MjYKbdDfFWaR26IxAwyuSSgK32TWKVOptF6cnoqXnGmvPVXaMOJVgKz"
    "WpRKqgnjRcvaiqDjNmzq1auVTJte+sz/xOjMTbvdgFUs3nPvPZcqmwvIVtkyXUPO4zjzku"
    "qu23b0OX2RwI20sewu12cc3uobC75AAXd9CWCHUBMklnbUUb4teAq8W/RKUS/q35YEMzeJ"
    "Je2AyRQhFcBy6qx0TK7BjldcPcamDLWzjUq7i1ChQmI2u2BWwfk9sMa4WLwsq82DWxc7xd"
    "uQVYFa+jVzqJapbrYeISf145V1YYme6IE5iYXxw3RSY+rRzSjSEd12psYiUCcQkxkUVXi2"
    "9iOjPzktDaUAbNGNDl1fpz6o2BDrvTYXdD2M8HGoClw+6OkesiYXf5WSme0ZpSKOgVbz/4"
    "riSCiKJcllzUg7rl+kYF2Y67gdVELZXohtG7sQ07K6cx47PpRrzel9BylqZbI26lNGXkYq"
    "LXCbFi2N3e3H28+vDq9GI8KRWDStfuGSdCVNuJD24ntki1QfnM1CqhQobNzlJTtcmyJZPl"
    "zdXnm6v3t2XzWrYm92dh69kKFjewld/fXuX+EjOaC31u7m92bbzRwpYN21gp+cF0AmjT/g"
    "SxvSFZfGMQy/e0enEsG4GXBQogiM13wIbPDl4dAZjCNcJjwgVWRhbItasVkzuaQ5sAlTyk"
    "602AWkfVOuphoNY66qH1rKqOunJNjkDZqKKmJFpD3aCh5i46CXRzIo3vBnxjwYbrzmqEuE"
    "B3lCifjM+EUc7ERUmUC3THiPKFBMjaSVgvQwzTXSTiJNQmTB0W2EdWtGpjO4wJ6BMKnZlj"
    "mclPr5iBCtfHTaYgrzxyb6XgfHw6rhxS6kyiFhz7uEZ2B/qL1iKF2cqTkt03OVzk5488Qt"
    "4wubYR9dJGpGKXrN7Yh0IndKUKJ2QECsI7EcrnnzSk80+q2fxTZEuZ3tLx6tVLmIjVS5g0"
    "1UuYcOoloOmv0ApjpCSALpGph3f7u0UCmex5WCBTyLm+5wgHrZfXMmQgejgnbLOqiDNCrg"
    "yPGTJdOaDf/C0qNeJhSgUylewsXUUpFVROnaa2IYqmsLz6ZD+5j8Ip+vYx6bfEMaAUB4yb"
    "LCiIDhWynYyuQODYEMDZDIsv4MV3whB64MUJFyBcwCSRB380Q0ArfgbACcf4o+87JDgmCo"
    "E5C0l0DFouHW7f8dbvL2nVyVs3SlhVYgiNpF+oNqj0U248LoPKCP9luvgxwH/BKpq6TrDA"
    "n+BzsvcfvoTiyly7yOTg3tDyLyfpR8c/Mq0yHf+0NnUU0nb5hJNhdJlW61V943RF9j+MgP"
    "qXhRnAXzAP6aNVxFP2cqNwmvkwV4RCTEh9xJKiTUOq0QwgDwJKS/4ws7Dsd+Br9Hb69oev"
    "0fkPJ2+/RhdvT2dj/N0Pl5dn+MoJtPPvLiYXeAS+YMXfAeQDSofHvL2wL+Nvq8LsAZ9DJG"
    "w8RlSHhQ9CQtWVIXRliP4ckgoHfenKEKpxnSMqVSpDZNKFqAUgI+izCWBLL2knzSj80Egz"
    "NkQzQYpUR50HAj1bGj6W5qjB03G8Oo63j6xQII6XFgDl6PdpYdB6xT6tQHqw1s3ZCc4cM5"
    "s9PbQmqHwfZ/TiZfUuSaOliIKR7dCC89K7iE+6/UQxpQE9HRzcy611rC0F2lIwiDNuoDqj"
    "thQcI9e1peDglgKdfdF19gX7ZBWcH7F8x8e5RKZCbkDTrnT718fChlSJr8g2pQ/3n35Kh5"
    "eDLrQVTFvB+gJerg2Kbq05hYJ7azcdl7HSjEWfQK4rcIVQhc11Pw3ciWDHWdO1qi5Lsj9d"
    "96QrjFvWY+lRs5VGU6TUUWH9UWCqequFlitiPt7KXlGi1ZzuM6dnrjknnbBnyKenS+DMvS"
    "U39+caIReaHp/pTbcpLYApvk9Xu2j2zX65fn1//6HA8Ou7sqz/5eP1LRYWSuWkOHZC7Yg8"
    "dMYw64gRlBlYEpWQ14XQB+PcrazgFrBVPHuTfWulOwwyvkzPcmxI5q5u2Anpjz8/QLeuYG"
    "UC9l1ym8HKQxW8SzZFkvpIUmVdx3vaESsSO/A+uaG1VmiJciGz1hqzJsy6jl5hUKuJYyni"
    "2hzRYtjFwS33/mQ60sYTBQaiJ4fO4uiRtFkfm1FkmhQjKqQqiaJ7VgIO0ub9eKFv0BX224"
    "e8bywQlWXrGpFz9YN8o9DAbgK2sqn2KbaWKmgcmSRV3OolEXzFiNJRXcbXSokZxyJj7OiO"
    "0ZGdOrJzCHvsQGP8dGTnMXJdJLKTnJj0c4Xn9aEbLE07QTKHPcEKQRsXZwIxGxdntSEb5F"
    "Ip9tAJVq65NmRhLtOpGI8kFCFz2hAhc1qNkPGRXDBtOr4rfA+3ltuv/AyXpsPpHlYPbkag"
    "XnhXJ4HKWGlxnjnLtzFWISfaY2RCuqwHG5iA9WDTD5fSFXgrdAqVMu/KPZ5j1oJ95n3hZs"
    "PCWcJIU1xkO7hzCd2c+tICY443Co4yLeN2u1qtfPRsuu+z2w5QDhF0V+bA+dCCGDue/Vxj"
    "x8GOhCLYWdL4jp5eBUNiuBYXKwpCtIT+rnAlt1Fne+Qtrb1jNcilFUeu0kBW10UvRrTaEb"
    "Af6X2+rFQFDG/0yLc1YBKArRDNg9h/2Ngg8WK7Ee4IVbljpIpwET9wC4FiKsHTpQP2Fzhd"
    "IPR0FYZwuSIzVlyxpRHjJqfsSzzWMJnBLYeH4TmxXO6vEz0pnUkHh/UmFGbc4N5lFoag+Y"
    "WhUCkkqTXvrbz/Tlm/3XD9dFX3bJIvbeE9VuJlKVFpS2X1fYG+jzipJQ0ujZRAPZdGJxnr"
    "duTHnbeXMknrJSq91XM9GAXRRyauukCoEriHDe1NgW3By5GI2e+ZOw6MI+K+jsJq7FM4ap"
    "kJ9eoQy6fN+hC7TtpWiKBnr5CTOY5o8zPjCa4rKlFN3VQPfgtThY3EdBGq5vKp2a+K6HpO"
    "FzKdvbZQa+kxhVoOphOltA2zaX2vl/qeDufV4bz9OaEGGtipw3mPkesi4bz5YV9heoNCyx"
    "L1Ocp0xLRDdkIQO56CMUCJIH34WN8YSgqeNANSqj5zoDdB1bqP7va2z0766KpaaXOU9DfH"
    "6yNR2qBNP8cr6fAVOBNNTca2xpLogpBlebms/0qKTxxyXTCwPyJTVVJ2zSA0tnOv8Ei1j6"
    "X6SlGcpB0tRSrtbRHztqSH1BZbV5lW71t93rcwn1LDOZpJu4B41AptXXsurlMyZgseHyUq"
    "ldxwXSUSsZb/dhxst8wdB4a1qIOttM5kHWwVXcNw0Zyz20hEZFZjCBWBfh+xmdmKrfdGso"
    "t6szeSfal06ZxBbZVj7WvTvrZB7JgD9bpoX9sxcl3E1xb5UpUwkuF9tnX3y47R0LGvoWiO"
    "eh379lB1JHdActwI9R61Elk/vGpkPnW8ahDLBZxTpcGrllEouNOcTi5F3GeTy3r/GbmmS+"
    "4cqOSObkTTuYFMd0oRMom11CklsaE7vHNzC3uYgsH+nRrErjD01mLEsYMlV8aNFaPzMdro"
    "NaTtb7yN0ateZKq3eqkgM03Oz0UUhvPzeoWBXCvJTKuVDMLJcAXR7aSCKZ4x5JbKq1fFGJ"
    "L9q2GHcdi3pnBVpKl95pr99v9xLY0t"
)
