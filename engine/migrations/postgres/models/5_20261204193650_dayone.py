from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "demo_record" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "key" VARCHAR(100) NOT NULL UNIQUE,
    "object_type" VARCHAR(32) NOT NULL,
    "object_id" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON COLUMN "demo_record"."key" IS 'e.g. customer:07';
        CREATE TABLE IF NOT EXISTS "organization" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "short_name" VARCHAR(50),
    "industry" VARCHAR(100),
    "main_business" TEXT,
    "core_strengths" TEXT,
    "logo_url" VARCHAR(500),
    "website" VARCHAR(500),
    "timezone" VARCHAR(64) NOT NULL
);
COMMENT ON COLUMN "organization"."version" IS 'optimistic-lock version, +1 per change';
COMMENT ON TABLE "organization" IS 'Seed 000 step 1 (整理企业基础信息): name, logo, main business, core strengths.';
        CREATE TABLE IF NOT EXISTS "product" (
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "spec" VARCHAR(200),
    "target_price" DECIMAL(16,2),
    "price_unit" VARCHAR(20),
    "selling_points" JSONB NOT NULL,
    "target_industries" JSONB NOT NULL,
    "target_company_size" VARCHAR(100),
    "target_pain_points" VARCHAR(500),
    "status" VARCHAR(16) NOT NULL,
    "archived_at" TIMESTAMPTZ,
    "created_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "ix_product_status" ON "product" ("status", "id");
COMMENT ON COLUMN "product"."version" IS 'optimistic-lock version, +1 per change';
COMMENT ON COLUMN "product"."code" IS 'SKU-like stable key';
COMMENT ON TABLE "product" IS 'A product or service the company promotes: what the team must agree on before any';
        CREATE TABLE IF NOT EXISTS "campaign_product" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "campaign_id" BIGINT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    "product_id" BIGINT NOT NULL REFERENCES "product" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_campaign_pr_campaig_f2b999" UNIQUE ("campaign_id", "product_id")
);
CREATE INDEX IF NOT EXISTS "ix_campaign_product" ON "campaign_product" ("product_id", "campaign_id");
COMMENT ON TABLE "campaign_product" IS 'A product a campaign promotes.';
        CREATE TABLE IF NOT EXISTS "customer_product" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "customer_id" BIGINT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "product_id" BIGINT NOT NULL REFERENCES "product" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_customer_pr_custome_48d7bb" UNIQUE ("customer_id", "product_id")
);
CREATE INDEX IF NOT EXISTS "ix_customer_product" ON "customer_product" ("product_id", "customer_id");
COMMENT ON TABLE "customer_product" IS 'A product a customer is interested in.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "demo_record";
        DROP TABLE IF EXISTS "customer_product";
        DROP TABLE IF EXISTS "organization";
        DROP TABLE IF EXISTS "campaign_product";
        DROP TABLE IF EXISTS "product";"""


MODELS_STATE = (
    "eJztfXtz27i591fB6J9m52gztuLbpp3O2I7TupvEO47zbs+pz3ApEpJYU4QOL3bcdr/7C4"
    "A3kAQpQCIlEkJnmpVJPAD5e0DguePfoyWyoRu8vVytfPRsuh+g5QQO8kbvwb9HnrmE+Edt"
    "mzEYmatV3oJcCM2pS4nMpLVhs82nQeibVogbzEw3gPiSDQPLd1ZhPKgXuS65iCzc0PHm+a"
    "XIc/4vgkaI5jBcQB/f+Mc/Rj6KPNtwbNK3C5+hO/rf/8U/Hc+G32FA2vx7NHOga9PfI8tc"
    "rkxn7iUUMbWHkhfBjwt9cot0Ab+vfBiQ56ak5FIKh/M9eyeDdkHf+3VFb44oLX5J+sfvY1"
    "B4AHYU8pxSY6XEDcMR0tWTQUcssDAej143UtorZ37rhR9pW4L51LCQGy29vP3qNVzggVMC"
    "xwvJ1Tn0oG+GkIwQ+hFhIuFRwviUrzG/8iYxTxgaG87MyA0Zpk+N/NrIML7cPRhfbx4MYy"
    "QxTSwMIoYDP2pAAZiTR/jxp8nk3bvzydG7s4vTk/Pz04ujCzpj8L3qrfPf44fJ0Yq7opjd"
    "/uX2ywN5IITncTzTyYXfKY0ZmkbO7Rx9dqIVeVDLAJZkPRtS0Jv4kF7IGZF/grvjxOT45P"
    "zk4t3ZScaA7EoT7inGOabx5y4OaNZeo8lB00eYugLm9cL066Zn3L4EJn7EIYK5NL8bLvTm"
    "4QL/+W7SgNz/u7y//uvl/Zt3kx+Ki8CX5M6E3iqCy+6AogCzNAqCfHwmAPLxWS3I5FYRZA"
    "stlzD+lkUxZkg2gjjZyHqK8NHRkQjGuFk9yvRmEWeTA/EHjFHoLCEfZpOHsJ2QvE1/DHBK"
    "N8D7cPv55uvD5edfSPfLIPg/l+J0+XBD7kzo1dfS1Tfl6Z51An69ffgrIH+C/7n7ckPhRE"
    "E49+mIebuH/yES58iMQoRFhxfDtFlM0svppSJbi5Kp4KZaotJbK2drLSkd4jJ4iVAlcHci"
    "j+cswLBN4cJ0ZwaayU1wDuVGfOjbVtG6+Jjr4eITnKXSs1tqdhNFf/ZUr2xWGfER+RAvJj"
    "/DV8qMW/zgpmfxhPiSuec+7W9gzPg9nW7p1fwz9M2XzEZSmIUYBfzuMIwFx8uv15cfbkbc"
    "1bwFgK+ZrhTFtrSFrYeXtXFtCe+3AA5RTxKFtiR6FaC9x+Lg/e31w6h2F9wdvj3b+UTh5W"
    "z8NRCTpXhqWk8vpm8bhTWZ3EETVLqSta3eWk6W5SumZ84pSuR1yMNXjPEunJvhWpN91mos"
    "aLQvEKwz248uPZBOyD8EgEwd+0fHAzPkAxO8YF6jF4BmwDZfA/AGRSH5A81mjgV/eDsqMW"
    "7rzjiugiavQPKuMGEzfk/nmc57PLIfBkaMAfRs+lPEYJ9il/6EG3sIkoeRGlT7CfosuY0b"
    "/ASYaXw7YS3+DMXuJOhjOSaMEP61dILQsX50kfUEkoceg/86BivoA2thenNYXgZ2pJ37kK"
    "BjyJu1ipQKmrdG+AXtO899Tb7FgZi7kmWj0doVrewNuV6k1FzvC9c5Rs7k6XOuF/bzKtP5"
    "DC8QNfF7gLxu4C3hV2mpTCUgCfAYkoOGLpcpS6IVQi40vRrjekZUwm6KqbqCLBW6dgvZ1d"
    "3dp8IicnVbEp6+fPt8dXP/5piuHriRE9bYerUjoytRqaQnCSJbotLIrrfgaiNYG0Ywrn2R"
    "Vcg1tE3Qlr5bPrT7tX3FnokGs1fmuhCweGVuk/XGrjsPgiCaYpWWqLHE+mSCaWTPYfgevC"
    "zMELyYQdwgxNNiDMIFBLj7EAInBMsoCMHKDIL4OpaQqgawLgbgxs/WBcSWo2i1vaiX9iId"
    "V9q+lJN9VhsYB8q0CpoHhmsOqFqBQhSanBBikt+wNF0+izOaMm9jorcJsVqc/XBzffv58t"
    "Ob47PxpKSApXGEJ5VAQdfxYFBF929f777URGinBGVoHSsE/wGuE3S2Po3+NIs8iyCG91nH"
    "DR0veEvG+/NIDuwR2XHjnRrQ1wHsRi1m4W7gA8Gu8HGloZpvPl/+vRzFef3p7qr81ZAOrq"
    "qxOzx5uJ5PGcGA+ZQqDoAEsmNJiWYHgOkryNIE+scoDLuFllJh+gyJghHO7ceQuyjYzBfE"
    "Eraw6/cMd5U2fR2Ou/dw3FxMnr7KGRM5lCrxoSuDog5aHElYvqSDFtlZqQ2L6+DlfMPSkX"
    "XV3DqOpnGVkH78+R66WSxbc7Azm9uuCP6/d2qKjWwnvHmGdLSqHTa/O240wpJ2Bswatlol"
    "oCn0D03/Ca0wngwEpfhPieT8+MljOvpKYkF+VoikagDEw1CyhlG0lbaXVtrSJBPW3YpkCi"
    "YBt59pXfiAxed7gUwlgXLHgr1ppbus6CTPKRSc32cnAvP77KR2fpNbFYCRbGQLQ6JTF7lz"
    "FuND/5KbtwyVnrsic1cXDlDRnjbz0dLAKi3Ph1D//RSp1LNNty/aYBZIo8zSaIzXY+xDM5"
    "CTX3IK9fA9FSogc9pQP+a0Wj4mzvWR8gszJP3wOJJhZT2ObewNnXgVd59ztptJT13xPrSQ"
    "b/8hSFPOgDkLoU/j4vaZdOZD/OYBX09tWmtYKvXWm3ZEzoobZD8xqlc0COST48ERxzDK3B"
    "03GUbjUBLDTRvuzDBa8oEIGSmZhzVYj5O2VvbPZqNzkHUO8hA05YFmo+oc5EPkOsdeUslB"
    "tjAX5sjnxAk01CllaBQ0NXZRcDd/LAmcS2QKQj0RUuknDSr9hFMRdokiXuHdxjj6nEgH0k"
    "MW/GogPRFNPF6t84YVIydRT09sf70IVtzK0Y0TOKPZz/wdHe3BALXZ9NUBtz2rEKrDQZl5"
    "3k446H6MTBn6HBMTy5l6AxM7FXZnXcqSrnPvFPRs3KORnithw5Xph6Q6v4wFKmeVN0WkJt"
    "5KJihv7UNt8Aziw2/5xjm5+JDoxZM7iigbjVKKD0RrKBm00o/EIJRKGxD7uLmMtQFRGxAH"
    "scsP1JSkDYiHyHUhAyIW4qRMAUn7dqxZ+93fOjYDyAaBKhz+2YmhMJPsZFMhKoQKIt5BxK"
    "DpE388yR2CiRIvHDhYJVXPjthJfBuj6nA35RpjYoHqoEulYp1bGj6W5qDBw5DgF8FTNUS+"
    "XIxlmbAfkZab1HbpbaTl08oxTBfiDz1c4GYL5HLsFI0+h5oe9uWBeDvZow/ibHwi7IJIIt"
    "M2qfdVJtXenmaoq1ZU4ZSqqv1VPSmv/ZpF1QKmoomBFcLdGd+OugK77eTAFCPZ08arhH0O"
    "lafdAfxIKC0l65Gg+azQ2+6BL7teRBeRMp16WksH0Q/9qnjaM/SHazqsWoyTqof2RpJQlX"
    "hrWWg4rN5CFtrouyqR6s+qz59V6kSTrWZXoeuxjLA3EawSFyEIboVOpfix1tBlQ0AEgWVJ"
    "NKa9LG+p4JLQEM6YBSNtGcuoeN1F9rsVOC26GFC2JbQfCp0pCnBlxxFAORcBdjeBe7Y6CM"
    "fhlqWlArz4KcCXb58+9aEy60ABXleYNYe4PtqZYzrTFVrXVmitt+e2BFp2EJaKiDF1B7aE"
    "q1iWQUWsksQwAtbTlmClCQbXcZcYtSdVUZsj020Jrb+gIec0NsOE1xo7ssI2J9cvcZeqIm"
    "ZFQYiWkBerIYVW0o06sknRSOHbrUF0R/pSFCfHsxwbEoqtoLpNulH1o6NRNFYYbb2m/7xy"
    "Lmk/SiNF4o1aAIp0oypOq4UZbCt7/kL6+BW/JXpRFabQDLaVCx5wFyrBI5UdzBYQfHbgSz"
    "2Udx58QPgfcUHrPutRkY1xw1RqVptpyKouKT3rE6wNpiRHu4nWlWJ96UjlQ5yLBf7yx2HJ"
    "JdJzmR50gu6QEnT3UE+mb+tx1yFVuuaJrnnSR1YoVPOEGtIadujU0CawNc/Tpuv25dEl+P"
    "r58v4BEIr3wARLiPG2xvhXnDGHf3k2jaFdQd9BNnBCsIyCEExJLWrTWkB8yXs7KjGrzX5F"
    "JIS4+4qAoPfrXu7XuqCGLqjRny1koKUVdEGNQ+Q6J3y3YpVKNkMJbSin0MqQcB0CzifVlG"
    "2QE+n6sJCFvppmEIuEebk00az5Mt1BZ84nYEBeCuVaCCE3f/KwANQmD23y6CMrFDJ5pMEw"
    "DVYPJl5GwPCxYloL2D6S5sAEaQ/k0hKFMOCZNNY1F7FUpCFFxDXR5M5g2o039mgwcGiPRt"
    "8WunGTR0PvPfs++rv4AYpzoEinGaA3/95u/pzp3gK66kW4lsEtfuI1SVH7layS6JcGwSqP"
    "jxGQq/LwnPVi1QM5izSVj2iO3h8CQMp7QRAskB+CEMsfAUAz6v6BsxkkIpVnuq+BE4A3j9"
    "HZO/PiMTqF5zP8+/QE/z47/8nCVyZHZ/T30WN0cXF28UNVRtvx2OtPCdDyVS/lK+2B0h6o"
    "/uw7A/VFaA/UIXJdxAO1cOYLF/+fF2Zf74UqUqlX6OxUrDpzQ3HmiqPER/i9l1IoszQa4/"
    "UYB9F8DoOQn+9dD3OJTCO9Hul0xZctMlOh0yVmOOJXryyKB6KCNJiz8knbgslF7TIele9b"
    "uohH1eIiYldMc452YFXc6/fQnUNxO1MW/s81OVOZGlaqdizm9rjRiIUv4ZfLW7acrLTy4c"
    "yh5yLa5ut2IciHYv3Zclert+vkvBAXh1MKBUPfLgREtItaCe2icgq9ydmsGk6fj5v3GdfR"
    "f+P/ff784QNwPGoSthBe47xXYjV2lhD8C3mi5rIugX823YhTNbzeWJm21wXwuWLYnnwztG"
    "IH5dgHvOh4ToJFdWvjNmze5ChJgoFdJBIIhEmm/Y/BClrOzLFAWscF0B7Bm6vJ9XuwinyL"
    "JPWDmQ/xzPCs1z8C/LbRjBSfIFx8Dx6jydHkjOOZ6WiMlj0wegPecgPWjhXtWOmRNDRME7"
    "t2rBwi10UcK09QSgJPmit3Uu7ZiYB8fXZSK2CTW8VFFL+1XAGJjKDP6s2G8B4LnSN63HCO"
    "6HH1HFEGWAmYi1QqYt36+WnWAjkWr3hXw2GZOYk+JrOwFbRxTCZRZBwf8vwuCLnQ9PhMYc"
    "lKXJliuq7YkV3ZLfJXd3efCshf3ZZcKl++fb66wd9CKY2Qc8YdnkzPnFWmEe2caIdYpzvo"
    "oKDulTWlxjfAlI9dZzPpwinQlNhTOVQhCM1YdRTL7UkeGs+YVWhktDXpPeSzYMZmT8zYcN"
    "i4C8lxNxxLchSMOKb0X2WGyGiER6G9SIxAr4kjhSLfgkbJ1SYHG+vR3GbU9GpeKm2z59CF"
    "9focozDW1jxtzRuG4jRMu4625h0i10WseSQyRcYYkrZXzp7XfomeVOoShTZtr6CFaSJkzZ"
    "s0WPMmVWseKzeLYszSqBcP3YnRFI8YYq3UkJ3OZToFp3WneK8WSeCPLOAZoXoTvP2A/xQ0"
    "uDQduerdZUL10O5k1U5xe4FYxeGImusRzynVg7yTFcWD0A6MIFouTbndskKoHuAdJGulFk"
    "PhNK2UQMUdsnXXIkXLgCSSfiNllUevoMo6XBW1apmoGoGFP60KpXorWPuKK/yOPw7PdLl5"
    "evVgl8haQbpHBoJOtmbXDEJjhlwXfxHRykiLmlYXtLoIIC75ljVTezbdG1DnlEy1IZ6B5p"
    "LkWnGQbKqOXKLcukTygGDcpEKyi1d5w4dmwHPONAStFcnUW49PhdaJ04Z14pQjwpMCn1WY"
    "H/CaWyO6pwQqANwkzNz8/aEgx1SipTJZ5tPdl7+kzcshVCUdlclkkQtiKxP2I5SNDKtMKN"
    "vMNedzLLrPkE/XkcCZe0vIW+0bg62autGhbhKhbgTIDfaBEpkKy9QurGeJg122PkmFTtcn"
    "qc7kSlicILgVOg1uFVw27k8QV5ZEpSLGrWHKj5kTj1Tj0ys0e/dbX4fO3ypHuiqt07fZ/n"
    "s63dbUdGE/85pCxvxVugVoPxQ6G9YcF8W3sj0JgFxaGVpAWqI00UBx5q+mNYWi+ELd7haL"
    "gWJckWOl63Axy7NvQ5+j3l8ldB9/voeumZawqJnVSaD5HelLoTW6MD/TWvOu4z21hJd6Bf"
    "p5y2eLgH2lPX7CHSqLGXXMxnHvbYFGurzOIulVRC1z/mwJ2Ufaz7eVSjjtIvUvXvgb8v+y"
    "nWF9EqCBsrYiB4elVYqmr+Q0sLSQ0RsfWqQfGyAfOMsV8jEjf/gjuP/4GQT4DgyA6cdFxi"
    "J8B8x8tCRlxwLIPW6sk0Ek0xXzTLl4yycoxb7O9ZlgceM8YzHxgArmKsqPtGYAnWTWyyQz"
    "HfGws4iH4mciGuhQpDroM2E3im1oMaxhSOhtEtewQZiZji+Tii+rPeet8cSIlEQ9hDv1FO"
    "okXlXSOUWSePd6xELfPrK9nNlaUlYkOFAkVMnhuedTW5kaO9s6MZiuBsYKYQt7Sdlee2qr"
    "9hG1dH7FZqeItG/SSm3zDUYtxnwvYNZihDchw1Z+xH1qb3IC4NCMnYBYkxyPa6oSJOMeoF"
    "FefPPTdcuHaRQMRMVTeNlOJGoUMfBoq1Hf9pVxg9VIb/V7l7aKH6A4B4p0mgFa1hqErFVr"
    "OZFGVz0HfBnc4ideE/O0X0mLceo3CFtF17+AvBVHH4iJW3ceBD56oTXnYjpyMj3r6nuMTq"
    "fm5DE6m7w7J8fPn53if+FPR0S6WmLOOj/So35szoErbXcuIrolL98otuUAbSiyJfEdeT9a"
    "cOvbJtUkuOV8E7U/5xQKFmlo38KvJWMtmPWRFa0KZnuWHZjYtibhoRgCJyI9MHF4YjLEzT"
    "P0XwH0QvwvxhThHZ528p4eZ0jS6n+0XvFEBaZng1lEXKVg5swjfpiQE1YFiU5G2C4KKfaO"
    "hSivEM7WD1gvS7AwG+zXKRaaxA5sSo/HUmvRpW/LeJPoAp+5iS8NMUrP/KRmLbjwBBeyPh"
    "jSFbyKVOoFKLRfxYtdgERRZmkUnMztgywf+qFsyMdAQjxSTBpjPORrLahcZqGTcju6iNSO"
    "gi2xXoEkqwKwJAqFKbV3eoe2vWjbSw9Z0ZlTjC4ILWCrduY0u2z2KuzoAzRt1/G4Vqzs3r"
    "jJdGWzrYQ8XikFcUch4qSi6WzUevSygD4EThgATGbGaZPAxeIZ8WHhGWQHfD/Xdl0+eo/e"
    "AzFlYb1/SvLtnICatnKvGeZpuHgPfvPgd3LmHlz9lrXBfwBiE1ut3FdA7pNRH724qRn+Rh"
    "7A+yOA1IhGW2NK0tqBdpLYhzzbIY9luiA+zQe/AztWvfvtCc97Oqem/4QCEVP4fcOIsi95"
    "OgHTVQqtYUdyB/4lI2EyyYEQhkpqsNKphpsPnJaMERuWd5DjxmMXC6tos2DfJIxxg1lQn5"
    "KnT8nrj0yicIKNPiVPNa5zbG6VKhupkCNqcEvbK2imbt/nkkuOUgJEgUwbKzYOoU5AkpMe"
    "ikT9FSCwnABNawHIkprGCsRq2hLL+MF+JIdENJfcP3IqBfeO4e4VVREh05olvqcCze4+p6"
    "NuV7LWvpjUViD5yTBkLXwz/TT8KfHJ5GYL4YDcjKLPMhaxujrPEPwHLCE5+MFOTubcf2zA"
    "Pspx9+wD0uXjBwQu/n422AByKr3+9239rzhM691P7EYBt610eZP5YL4m8lY/9oqtPX6d1r"
    "v8AJfonrq0Rlw/XXZ33OypWyLDzxuuc9bVY7I+eFvKU3Eoboot1+N6B8QTlDpZOGnejuzW"
    "BbAj+Hb+NktUfH90vpHY1kkBxdjuRTGTQLxE1mepWVsmewf0fkppaQ+bYr6WOg+bhCzYrZ"
    "CTRUBwhRw2PqJJyCm00zKOKjKODrLQQRZ6C9BBFprrnQRZWHgrldFo0vY9ViIDKhQArO2O"
    "AVUooRmf/Lx/3Yb+VwLttL2CimNravpGJs20JOi2Zx6J107tGzdqDZq8tKaWjoYarL2/Ga"
    "Uo2BohtdJgOjWK33hzx4NfYRjGj1ZRGYsNxk1aI6RNjYBpuzaV5Rp5tMpJnFFi2kvHCxJx"
    "HZgh8CMvDnx6Q/cePLaPnk0XTEnKyQ9jkvpBdyYzsh3M52peSwf9a51W67Rap9U6rVLajd"
    "ZpD5HrQokDirlFN9Swzk4EFKyzk1r9itwqLqK0LGwV2r99vftSs22lBOUPyLFIZJ7rBEN0"
    "zDXASqAofCUpnG8+X/69jPT1p7ur8vQnHVzJabWdCtvFuB2etF2J7GkQt7O2Wdi1yNkUWd"
    "Y2SbleYBn4xcxSqd8CksEdzwwi+JITKZ5hADxUSboOXxyLe95q6/1zc7azlN9YSi4mc1A4"
    "yjncOu23l2m/g8rd6b2WVAwzlEB094kbA8LycLKdRqTORl6SgyzdSREJ9aN5CwV54l1oA6"
    "4XKYfD+YMJ2i7VXaIlRSSEcIZk92L46E+zyKMPAKaR44aOF7wl4/15NGDhvFS1kBXrxIWy"
    "EqFK29h+K7+xlamK7JCuTsaWwhoYK+p8M+NSibLSNOxT1f2PyHXRyzeu2pndGzcpnDPayo"
    "jEVM1tggKbqtYLHXOTPeoGdelN3Ovcg3DzelT56Glf4qNvNVxMvKbImFaEe6kIazeWdmP1"
    "Z8MbqENDu7EOkeuHGZrZmxyzXP4gU5//UfFBrlI2fVT9+aBGtA6T+Uqr2i7I4UxeiGVh8I"
    "ac0mR6rzSm6IetzWbku6kWEVggqUJuOYWCca/tT+YgWi5NX8rlzZAoCHEnGcAzCG2i1srA"
    "zNKoiHPrBXLi2lEW37fWECZfJFMQ6onQlJ40TOkJ58CVg3ESHaSrQNX6Xr1ZrRLblfzRUB"
    "VCfUKU0AlRRFYltumN7B8lWl2bqs9rV8miLWheLFGp5FJrz4KYfQfTVzl0OZS6aF69iVYa"
    "3jKdnr76oLW+uIEa3O36oDVm893qoLV7vG3e314/jGrWkxYQFswzHSy65TVUAF/W4a3RbT"
    "zNriheicxdRmTYHb49EzCEJ29VvurVmYF/RVEA7yMX/98bcUJyCvfHTWE5C9LS8HFT/E/c"
    "ViANhFIBQgXe2KbjvgIfLglP/TF4gfAJX7CdOQzCH4BvemCGfGASh72D7PcA4Yk1Bo4HiK"
    "/jBflP0OelgnQyBjcdhIxBZzol1rkf/ZF1xqA+5CXlmqilJ+Oyeva09h1ZyacgAW9OoSDA"
    "7Rss8ZK1geUsp9IG/94ZzXqSJ3q7XCE//Bua8gSD/GajVODQZsY/k3YCEsHMwfv0FGL+gp"
    "gY4l2YHPm78hEBNhjTv1AUYtkK0mOByd/PpuvYcXkVHxIyniTQat+y8cNlNUYogjjHz6Ad"
    "oKYIYi1f9FK+UPHMw7yKGMDiMvLtpFrW/vdD8o3LluRjafqM+qZSnZDf7l2D3+4dJ3YGY2"
    "ZgXWnJEz6aoWbI+oz2yAqeyez+7gbfN5nbFwKgX9RCflGJ7PBfU826tJIj5ELTq4nsyKlK"
    "WE8xWVdgZ1d2K91d3d19Kgh2V7el1frLt89XN3hFobDjRk5YWMTVD7TA6pVnY3jHpOicR3"
    "8EkWVBaEN7jEfAn6fdj4U8RKHpGj564XChVnIpEmlXZnViY1HXwvImlkQloa0S6uM16/zE"
    "Foo8zra41k+c0Wloy9CmWS+y0FboNLRlaKHvI18a2BKVhpWz0uK3XErVdWBpdGGHgizXRm"
    "GHJd7AzLmUbsiQ6IhOsYhOnc+qWGajSD4rVn/8zbhepNQxvH1zRxStPp4TLDZic4lU87nP"
    "fN5vwGvPGNuGYNgUbLmHYMCeIdxOLOC+g6luPcuxa848zO6NG92lbKvdlTZKTryRckwmT2"
    "pYzHE5NX5JTm0hOoMx6Hj9caE9h4ZwmaFsYEy9psRQ3bi4d+Q+bzImQ9kwrvbD9tIPq0sb"
    "6dJG/dnyFFYFdWkj1bjO0Rl0aaMdBtHGVmEZdBmSPruje2W3NKNAbganBNowLASwgzUFSy"
    "paKKfQEAtBjD97vKzjHRTrKZFsyR0usQZeCPgAYrnbCeUqdjE0Ci7S3RRnkVqhMwINr0gq"
    "Cdxk1ShSqbdcHB+Jlp5rrD1XWTHiVIKN1KQSqYJ60nD1oqo6zJg5NzrKpUqufWd95ndiJN"
    "7swy6Qaj73mc+WS4XlDWybLKHmcZ95zHFRbb58G7rM5kDYXvIQbraKa3YPhd0lB7i4g7ZE"
    "qAuQSTprK9oQvwZcLf4lKpXwb80HG5rBk/TEZogUiuDac1E9JlJmyyiva6argU1v4VCv4t"
    "IqUJiMzNkWsH1IuhnWDBeFlfmwa2LneKtyC7AqXkevtBPVTNf9xCX+vHIurTAy3REnMDG/"
    "OW6KTHxaOeQ0hrRdq7GJlQjEJcREFp0tvonpzMxLQmtDGTRjQJdX68+uNwY67E6H3Q1hPR"
    "9oAJYOuztErouE3eV7pXhGa0qhoFe8/eC7kggiinJZclEP6pbrGxVkO+4CVhO1VKIbxtmN"
    "bdhZOQczPptuxDv7ElrO0nRrxK2UpoxcTPQ2IVYMu5vr28+Xn94cn40npWJQ6dw94USIaj"
    "vx3u3EFqk2KJ+ZWiVUyLDZWWqqNlm2ZLK8vvx6ffnhpmxey+bk7ixsPZvB4ga28vfbq9xf"
    "YkZzoc/N/c3ujdda2LJmaysl35tOAG16PkFsb0gm3xjE8j2tXhzLRuBlgQIIYvMdsOGzg2"
    "dHAKbwFeE24QIrIwvk2tWKyR2NoU2ASm7S9SZAraNqHXU/UGsddd96VlVHXbkmR6BsVFFT"
    "Eq2hrtFQcxedBLo5kcZ3Db6xYMN1ZzVCXKA7SJSPxifCKGfioiTKBbpDRPlMAmTtJKyXIY"
    "bpLhJxEmoTpg4L7CMrWrWx7ccE9AWFzsyxzOTVK2agwv1xkynIK7fcWSk4H++OK4eUOpOo"
    "Bcc+rpH1QN/oVaQwW3lQsvomm4v8+JFHyBsG1zaiXtqIVDwlqzf2odAJXanCCRmBgvBOhP"
    "L5Jw3p/JNqNv8U2VKmt7S9evUSJmL1EiZN9RImnHoJaPpPaIUxUhJAl8jUw7v91SKBTHY/"
    "LJAp5FzfcYSD1strGTIQPZwTtllVxBkhV4bHDJmuHNBv/haVGvEwpQKZSnaWrqKUCiqnTl"
    "NbE0VTmF59sp/c+XPTc/5Vaz8p3B832U9QueXaaJqvENoAC50gCOEKHIM3j9HZ6fnJY3R+"
    "cnT2GJ3Mjo7xv/DYfIxOz2f43/OLkyNyHeLrZ0dnsx/w6+DHHQMXzdEYLDEPwDQKHI+eKm"
    "7haYi79qnMFlQDbXY7/KP36N15EPjoBc+SBQQ2XLnodYmnBXACgPAtCy1Xpvf6FvxGdpJ/"
    "4Uu/kVszB89t8LKAHqVLWpE7AQwfvWj1R9yXabtkXBocFEdtAVLrNwD0rDiAn+yX+7vPdx"
    "8/3f1qkJWWrMBj3KljLcAyCkL89CH+6Ygesy5l0DkUa86WuWQ6nU+n8w1h31PYU6fT+VTj"
    "ukg6H/1vhd/15q20vbbTitlpgwXyQ0MW5SKVejbEU7GK2A0FsSu13j0bi3K+lE2cpVEP42"
    "PRMsJNVYTLMBNB30gF/SrWD/B7jVBWIVQB8KZ94ObvD4UtoHKccLYNfLr78pe0efmM4ZJg"
    "hvUqI9OrZOCvUmr85fEnyq4R+Zx41/pFhqVRAfMdnG3wAqeBI1d4nyHRIAuBnNpZZFBmaR"
    "QUAM9OBGA+O6lFmdziGI73ZN2Mwin6/jk5TZ5n3iw0GDfaN2lTMcvmJQgcGwI4m0ErBC++"
    "E4bQAy9OuIhNeNSugX+aIaDnGQXACcf4p+87JPUvCoE5C4kBBC2XiUmuYLrsoH/JmLWVjy"
    "yMGpSKGYshNFbQs8mLjHW4WB+94ocVLjbCf5kufgzwH7CKpq4TLPAv+Jx4tvZ/QMzKfHWR"
    "ycH9b1/vvtRkbuUkZUOUg9eL/wD8lp0ZgUd/mkWeRdAF08hxQ8cL3pJh/zzavQBMIGoWgM"
    "uy7rhoXCIdVBQQbRk+hFiC8g4nw+gyrY4a6TOnTSw9LVchx5ZQK1ewJLvzrx1Jbm0z03Gx"
    "vGc7wYp4d2EQe4oBFguJmOg6WPjbj3fNNYPQgL6POFWOG8wIBSqt49bquD1Rv35ZmAH8FU"
    "NLP7yK8sXeHjepXln+0YpQiKlgDyTEgpZDQTMaXUFpyR9mVlLlPXiMzqfnPz1Gpz8dnT9G"
    "Z+fHszG+9tPFBQkDOYJ2fu1scoZb4BtWfA0gH1A63Ob8zL6Ir1ZVtT0+h0jJlxhRXdJlEP"
    "qXDgPRYSA92ruGGRCgw0AOkesiYSCZdCEqj2YEfTZwbeo57+IgaT800mpL1Y+qJgqkQHXQ"
    "NZygZ0vDx9IcNHi6BoeuwdFHVihQg+MXH9mRxa3Cmt4aN6n3K6aRgGs1aU4U3wD6z44FC3"
    "kR+PYSYX37PXhZJIauEJrLOMvBxOICVr49MIUzkp+BCTjO1ZZHePRS5oE3ccJIsILWGOCd"
    "DWvmuDs8AL4GXRc/AVghMjWyuxbuFC2xFoRHnTku/GETby3+fsIoEPbTJu9v5GTaT9u3hX"
    "Ws7QTaTjCIHW6gGqO2Exwi10XsBCSxUsZMkLZvx0rQxf42+vrztx9d54kkrJJxwROsyEUi"
    "RoP2y6Lo1JyOU3OwJCqDb9pePedrJ/DGQrxBRXzOFtFYV7dEunVp3Z6h32S+2aRKNAXKwG"
    "/H2YsbTLgFKhVntdCkbpjTlRUj1lONWE+tYl0fllil7Ed0IhlPmejEZNlI0vocKMUhLrFm"
    "UldMSgxKRuD8Sy4FhU+u3urVSfpmurGSZMy6RWwt9iVq9aDvJN8qNygKy5sZxe4kenI2h/"
    "MMu1psuvazmr61wI+/iVWiRKrDlvtjhagan1LDoeyhnBU6hcqGdnYmZ4ZZC95Ktc+MrEwv"
    "6SMjOU57rDc8cfaNq4T+48/30K076qfkI2ZckgMzB9VxoLgqJP7CViBL+lIQsi794Q9m8D"
    "TiOMPp9XGTJzxMW+zs7AluOPi4EHa13l9MHttgwzlq3MWlIyjQC55LycC5nJdFLAmOS3sR"
    "H3TzgWJKA3r6oAvtEdcece0RPzTfqPaIHyLXdeT83i06+iShrv207JNVcK6vKFciU8EK3L"
    "QqdVFOTmeF6KyQ/YE3DIfEgLeuRGnGok/AW1rX4cwQqrC47sDFtvIREexkipmwJL0tZrJT"
    "T0Blg9pIoylSamdafxQYjjMNLVfER7GRvaJEqzndZ07PXHM+x7yaIZ/uLoEz95bcc6yuEH"
    "Kh6fGZ3tRNaQJMcT9draLZld1y/eru7lOB4Ve3ZVn/2+erGywslOI3OXZCnZi779MvWUeM"
    "oMzAkqiEfGcBBDrZue1k58oMbgFbxU8iZL/aAqj3eFu9v71+EAvLcDzLsSE3cFImvOA26W"
    "aw8lBzJIYNSaFrcuxjC6EYJHbgQ9Kh9arQFOVCZr1qzPYZvcKgVhPHUsS1OaLFsIuNWw1u"
    "+Uc8RLymxQMFBqI7h65q2CNpsz42o8g0KUZUSFUSRXesBDCfkTgDGCINvRT0DbpCGgW4pS"
    "ybhhsOjAWisiwz9dbrB/lCoYFdB2xlUe1TrSmqoHFkklRxq5dE8B0jSlt1GV8rJWYcioyh"
    "j8aWgldHduoYPx3Zqbm+98hOsmPK1uBhafpb82jDoI12zkcsyKZOsHLNV+nzsct0KsYjdZ"
    "H/7yO5YNq0fVf47m8ut1+uCy5NR+pk4IxAvfCuTgKV89IEErEKOdEOIxPSaT3YwASsB5t+"
    "SGI65FzjFTqdX7/W5JVj1oJ95kOhs2HhLGGkKU6yLdy5hG5OfWmBMccLBUeZlnG7Xa5WPn"
    "o23Q9ZtwOUQwTdlTlwPrQgKZ2isRPDjoQi2FnSeEu1HVQFK7WbpMUdWqrroM7yyJtaO8dq"
    "kFMrjlylgayui16MaLUlYB9pP99WqgKGF3rk2xowCcBWiOZB7D5sbJB4eSh0Zo4VyxXbQf"
    "WF6UpVuIgfuIVAMZXg6dIB+yucLhB6uowPwB5xXLGlFuMmp+xL3NYwmcYth4fhMbFc7qfV"
    "yNKRdHBYb0Jhxg3uXWZiCJpfGAqVQpJa895uUBVUVb/dcP10Vfdski/NP5uk9mMpUWlLZf"
    "V7gb6POKklDS6NlEA9l0YnGet25FP5zFjKJK2XqPRSz/VgFEQfmbjqAqFK4O43tDcFtgUv"
    "RyJmf2B6HBhHxH0dhdnYp3DUMhPq1SGWT+v1IXaetK0QQc+mBxckcMJn4kQiB36VVaKauq"
    "ke/B6mChuJ6SJUzeVTs7eK6HxOJzIdvbZQa+kxhQ4uTQdKaRtG0/peL/U9Hc6rw3n7s0MN"
    "NLBTh/MeItdFwnnzzb7C9AaFliXqc5TpiJ7STpdS4IQgdjwFY4ASQXr/sb4xlBQ8aQakVH"
    "3mQG+Cqlfmq4tMjihXf/gdQ9KPI+/IsMoceadqpc0RSZbEQOP5kSht0Ka/45m0/wqciaYm"
    "Y1tjSXRByLK8XNZ/JcUnDrkuGNgfkakqKbtmEBqbuVd4pNrHUv2kKE7SjpYilfa2iHlb0k"
    "1qg6WrTKvXrT6vW5hPqeEczaRdQDxqhZauHRfXKRmzBbePEpVKbriuEolYy387DrYbpseB"
    "YS3qYCvNM1kHW0XXMFw056w2EhGZ1RhCRaDfRWxmNmPrvZHspF7vjWQ/Kl06Z1BL5Vj72r"
    "SvbRAr5kC9LtrXdohcF/G1Rb5UJYykeZ9t3f2yYzSc2NdQNEe9E/t2UHUkd0By3Aj1HrUS"
    "WT+8amQ8dbxqEMsFnF2lwauWUSi40hxPLkTcZ5OLev8ZuadL7uyp5I4+iKZzA5k+KUXIJN"
    "bSSSmJDd3h7Zsb2MMUDPbv1CB2iaG3FiOOHSy5M26sGJ230UavIS1/402MXvUiU73VSwWZ"
    "aXJ6KqIwnJ7WKwzkXklmWq1kEE6aK4huJxVM8Yght1RevSrGkOxeDduPw741hasiTe0y1+"
    "z3/w+rI8n5"
)
