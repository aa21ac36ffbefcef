from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "channel_plan" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "objective" VARCHAR(500) /* 核心目标 */,
    "start_month" DATE NOT NULL /* the first day of the plan's first month */,
    "months" INT NOT NULL /* how many months the plan runs (usually 12) */,
    "state" VARCHAR(16) NOT NULL,
    "state_reason" VARCHAR(500),
    "review_summary" VARCHAR(1000) /* 复盘总结 */,
    "started_at" TIMESTAMP,
    "closed_at" TIMESTAMP,
    "created_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE RESTRICT,
    "owner_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "ix_channel_plan_department" ON "channel_plan" ("department_id", "id");
CREATE INDEX IF NOT EXISTS "ix_channel_plan_owner" ON "channel_plan" ("owner_id", "id");
        CREATE TABLE IF NOT EXISTS "plan_channel" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "channel" VARCHAR(32) NOT NULL /* the engine channel its sales use */,
    "candidate_key" VARCHAR(64) /* the candidate of channel_evaluation.yaml */,
    "stage" VARCHAR(16) NOT NULL,
    "scores" JSON NOT NULL,
    "note" VARCHAR(500),
    "revenue_target" VARCHAR(40),
    "orders_target" INT,
    "new_customers_target" INT,
    "stage_reason" VARCHAR(500),
    "review_note" VARCHAR(1000),
    "selected_at" TIMESTAMP,
    "live_at" TIMESTAMP,
    "owner_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "plan_id" BIGINT NOT NULL REFERENCES "channel_plan" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_plan_channe_plan_id_7ddee0" UNIQUE ("plan_id", "name")
) /* A candidate channel of a plan: its evaluation scores, stage and KPI targets. */;
CREATE INDEX IF NOT EXISTS "ix_plan_channel_plan" ON "plan_channel" ("plan_id", "id");
        CREATE TABLE IF NOT EXISTS "plan_milestone" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "phase" VARCHAR(16) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" VARCHAR(1000),
    "month_from" INT NOT NULL,
    "month_to" INT NOT NULL,
    "due_date" DATE NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "status_reason" VARCHAR(500),
    "started_at" TIMESTAMP,
    "completed_at" TIMESTAMP,
    "owner_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "plan_id" BIGINT NOT NULL REFERENCES "channel_plan" ("id") ON DELETE CASCADE
) /* A milestone by months of the plan (第1个月, 第2-3个月 …), due at the end of its last. */;
CREATE INDEX IF NOT EXISTS "ix_plan_milestone_plan" ON "plan_milestone" ("plan_id", "due_date", "id");
        CREATE TABLE IF NOT EXISTS "plan_risk" (
    "version" INT NOT NULL /* optimistic-lock version, +1 per change */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" VARCHAR(1000),
    "likelihood" VARCHAR(8) NOT NULL,
    "impact" VARCHAR(8) NOT NULL,
    "response" VARCHAR(1000) /* 应对措施 */,
    "status" VARCHAR(16) NOT NULL,
    "status_reason" VARCHAR(500),
    "respond_by" DATE NOT NULL /* the response must be in place by then */,
    "closed_at" TIMESTAMP,
    "owner_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "plan_id" BIGINT NOT NULL REFERENCES "channel_plan" ("id") ON DELETE CASCADE
) /* A risk of the plan's register: likelihood, impact, response, owner, status. */;
CREATE INDEX IF NOT EXISTS "ix_plan_risk_plan" ON "plan_risk" ("plan_id", "id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "channel_plan";
        DROP TABLE IF EXISTS "plan_risk";
        DROP TABLE IF EXISTS "plan_milestone";
        DROP TABLE IF EXISTS "plan_channel";"""


MODELS_STATE = (
    "eJztfX1z27i191fB6P6xyVTJOErieNNOZ2zHadON44zjPO299R0uREISa4pU+WJHt7vf/Q"
    "HAN5AEKYCiJBLCndusLOKA1O+AwHk//xktPQs5wcvz1cr3HqHzAZl2YHvu6D34z8iFS4Q/"
    "1I4ZgxFcrfIR5IsQTh1KBJPRhsUOnwahD80QD5hBJ0D4KwsFpm+vwvimbuQ45EvPxANtd5"
    "5/Fbn2vyNkhN4chQvk4wv//OfI9yLXMmyLzO2gR+SM/vd/8UfbtdAPFJAx/xnNbORY9PPI"
    "hMsVtOduQhFTu17yQ/DjIp9cIlOgHysfBeS5KSn5KoXD/pH9JoNOQX/3ekUvjigt/pH0j9"
    "/HoPAA7F3Ic0rdKyVuuB0hXT0Y9I4FFsb3o98bKe2FPf/khh/pWIL51DA9J1q6+fjVOlzg"
    "G6cEthuSb+fIRT4MEblD6EeEiYRHCeNTvsb8yofEPGFoLDSDkRMyTJ8a+Xcjw/hyc2d8u7"
    "ozjJHEMjExiBgO/KgBBWBOHuHFz5PJ69fvJievT8/evnn37u3ZyRldMfha9dK73+OHydGK"
    "p6KYffrLpy935IE8vI7jlU6++J3SwBAaObdz9NmFVuRBLQNYks1sSEFv4kP6Rc6I/BXcHy"
    "cmr968e3P2+vRNxoDsmybcU4xzTOPXXRzQbLxGk4Om72HqCpiXC+jXLc94fAlM/IhDBHMJ"
    "fxgOcufhAv/5etKA3P87v7386/nts9eT58VN4EtyZUIvFcFlT0BRgFkaBUF+dSoA8qvTWp"
    "DJpSLIprdcovhdFsWYIWkFcXKQ9RThk5MTEYzxsHqU6cUizpAD8QeMUWgvER9myEPYSkhe"
    "ph8GuKQb4L37dH317e78+iuZfhkE/3YoTud3V+TKhH67Ln37rLzcs0nA3z/d/RWQP8H/3H"
    "y5onB6QTj36R3zcXf/QyTOEYxCD4sOTwa0WEzSr9OvimwtSqaCh2qJSh+tnKO1pHSIy+Al"
    "QpXA3Ys8nrMAwzZFC+jMDG8mt8A5lK340LejonPxMdfDxRc4S6VXt9TqJor+7KFe2awy4q"
    "PnI7yZ/ILWlBmf8IND1+QJ8SVzz20638CY8Xu63NJv89fQh0+ZjaSwCjEK+LejMBYcz79d"
    "nn+4GnF38w4AvmSmUhTb0hG2GV7WxrUlvN8DNEQ9SRTakuhVgPYWi4O3ny7vRrWn4P7w7d"
    "nJJwov5+CvgZhsxVNoPjxB3zIKezK54k280jfZ2Oql5WRZ/ga6cE5RIj+HPHzFGO+gOQw3"
    "muyzUWNBo32BYJPZfnTugnRB/hQAsnSsF7YLZp4PIHjCvPaegDcDFlwH4JkXheQPbzazTf"
    "T85ajEuK0n47gKmrwCyW9FCZvx77Qf6brHd/bDwIgxQK5FP4oY7FPs0o+otYcgeRipm2o/"
    "QZ8lt3GDnwAzjW8nrMWfodifBP1KjgkjD39a2kFomy8cz3wAyUOPwR9egRXygbmA7hyVt4"
    "E9aec+IugY8matIqWC5q0R/oHWjeusk3dxIOauZNtotHZFK6sl14uUmut94TrHyJk8fc71"
    "wnleZTqf4QWiJn4PkNcNvCX8Km2VqQQkAR5DctTQ5TJlSbTyPAdBt8a4nhGVsJtiql1Blg"
    "pd+4Xs4ubmc2ETufhUEp6+fL++uLp99oruHniQHdbYerUjY1eiUklPEkS2RKWR3WzB1Uaw"
    "LoxgXPsiq5BraJugLb23fGgPa/uKPRMNZq/MdSFg8crcJpuNXTcuAkE0xSotUWOJ9QmCaW"
    "TNUfgePC1gCJ5gEA8I8bIYg3CBAJ4+RMAOwTIKQrCCQRB/jyWkqgFsFzfgxs/WBcSWo2i1"
    "vaiX9iIdV9q9lJO9Vi2MA2VaBc0DwzUHVK1AoRdCTggxyW9YQofP4oymzNuY6GVCrBZnP1"
    "xdfro+//zs1el4UlLA0jjCN5VAQcd2UVBF92/fbr7URGinBGVobTMEvwHHDna2P43+NItc"
    "kyCGz1nbCW03eEnu9+eRHNgjcuLGJzWgPwewB7WYhbuBDwS7wsuVhmo+uz7/RzmK8/LzzU"
    "X5rSETXFRjd3jycD2fMoIB8ylVHAAJZMeSEs0OANM1yNIE+scoDLvpLaXC9BkSBSOcu48h"
    "d7ygnS+IJezg1O8Z7iod+joc9+DhuLmYPF3LGRM5lCrxYVcGRR20OJKwfEkHLbKrUhsWN8"
    "HLeYelI+uquXUcTeMiIf34yy1ysli25mBnNrddEfx/36kpNrLs8OoR0btV7bD51XGjEZaM"
    "M1A2sNMqAU2hf970X8gM48VAUIr/lEjOj588pqM/SSzIzww9qRoA8W0oWcNdtJW2l1ba0i"
    "IT1t2KZAomAXefaV14gcXXe4FMJYFyz4I9NNNTVnSR5xQKru/TNwLr+/RN7fomlyoAe7KR"
    "LQyJTl3krlmMD/1Lbt0yVHrtiqxdXThARXvazPeWBlZpeT6E+venSKWebbp70QazQBpllk"
    "ZjvBljH8FATn7JKdTD961QAZm3DfVj3lbLx8S5PlJ+YYakHx5HcltZj2MXZ8NOvIr7zznb"
    "z6KnrngfmZ5v/RSkKWcAzkLk07i4Qyad+Qj/8oCvpzbtNSyVevtNNyJnxQ1ymBjVCxoE8t"
    "l20YhjGGWujpsMo3EoieGkA/dmGC35QISMlMzDGqzHSVsr+2ez0TnIOgd5CJryQLNRdQ7y"
    "MXKdYy+p5CCbmAtzz+fECTTUKWVoFDQ17qLgbv5YEjiXyBSEeiKk0k8aVPoJpyLs0ot4hX"
    "cb4+hzIh1Ij1jwq4H0RDRxebXOG3aMnEQ9PbH7/SJYcStHNy7gjOYw63d0cgADVLvlqwNu"
    "e1YhVIeDMuu8m3DQwxiZMvQ5JiaWM/UGJnYp7M+6lCVd594p5Fp4RiPtK2GhFfRDUp1fxg"
    "KVs8qdeqQm3komKG/jQ7V4BvHbb/mLc3LxW3pPrlwrouxulFL8RrSGkkEr/UjchFJpA2If"
    "D5exNiBqA+IgTvmBmpK0AfEYuS5kQMRCnJQpIBnfjTXrsOfbjs0AskGgCod/7sRQmEl2sq"
    "kQFUIFEd9BxCD0iT+e5A6hRIkXDhyskqpnR9xJfBuj6nAP5RpjYoHqqEulYp1bGj6W5qjB"
    "w5DgH4KXauj5cjGWZcJ+RFq2qe3S20jLh5VtQAfhFz1c4GELz+HYKRp9DjUzHMoD8XJyQB"
    "/E6fiNsAsiiUxrU++rTKq9Pc1QV62owilVVfurelJe9zWLqgVMRRMDK4T7M76d7ArsrpMD"
    "U4xku41XCfscKk+nA/iRvLSUrEuC5rNCb/sHvux6Ed1EynTqaS07iH7oV8XTnqE/XNNh1W"
    "KcVD20WklCVeKtZaHhsHoLWajVe1Ui1a9Vn1+r1IkmW82uQtdjGeFgIlglLkIQ3AqdSvFj"
    "naHLhoAIAsuSaEx7Wd5SwS2hIZwxC0baMpZR8bqL7Hsr0C26GFC2JbQfCpMpCnDlxBFAOR"
    "cB9reAe7Y7CMfhlqWlArz4KcCX758/96Ey60AB3lSYNYe4PtqZYzrTFVo3Vmitt+d2BFrW"
    "CEtFxJi6A1vCVSzLoCJWSWIYAethS7DSBIPLeEqM2oOqqM096HSE1l+8Iec0blhcURB6S8"
    "SLPJCCKplGnZO2qHL7VmcQ3ZC5FMXJdk3bQoRiK6g+JdOo+tLRmBAzjLbeoX5Z2ed0HqWR"
    "ItEzHQBFplEVp9UCBttKUl/JHH/Hv9J7UhWmEAbbilB3eAqV4JHKdWXL4T3a6KkeyhsX3X"
    "n4H3Ep6zabUZGDsWViMCubN+QIl0T4zenCBlNgotu04UrpufRO5ZbExXJ1+eOw5BLJpswM"
    "Ot10SOmmB6iO0rf9eNcBQrqCh67g0UdWKFTBg5qFGk7o1GwkcDTP06GbzuXROfh2fX57Bw"
    "jFewDBEmG8zTH+FOd/4U+uRSNCV8i3PQvYIVhGQQimpLIyNBcIf+W+HJWY1eW8IhJCPH1F"
    "QNDndS/Pa10eQpeH6M8RMtBCAbo8xDFynROMWrFKJYehhDaUU2hlSDirnvNKNcXO50S62i"
    "lioa8GzcciYV78SzQHvEx31HngCRiIlxC4EULEzQY8LgC1yUObPPrICoVMHomPpsHokXtx"
    "BMweuRNps+HjjvR/SggBjYv+KQCkpAICwcLzQxCiH2EAvBk1UqDZDJkhwL/HWQd2AJ7dR6"
    "ev4dl99Ba9m+HPb9/gz6fvfjbxN5OTU/r55D46Ozs9e141juz53psrs2o7ibaTaDvJSNtJ"
    "FNSYtZ3kGLkuYidZ2POFg//HCwart5UUqdQrLvFWrCJeQ0G8ijrve/h3L6VQZmk0xpsxDq"
    "L5HAUhP8emHuYSmUZ6M9Lpji+b2Fuh02m9HPGrVzaXI1FBGiwu+aLtwOaidupk5f2WTpys"
    "WlxETF9pZOweDF8HfR92Z/bazpQVBxJ+dSC/BQ9zedxoxEqy8lbpyL114mnZdYZ53j11nm"
    "HvuKn7jLZoaYuWtmiNtEVLQduGtmgdI9dFLFq6MYxuDLN7cHfSGMab/guZof0oBXKBqMfG"
    "q9F9dHr2mrhsZ+br++jdKULkm5N3giLBvnqWLD0X34J7YNTYD4tkw4gXGhGv+sz2gxBYcJ"
    "262Yla8VOQfJ/9oq6DiujEHBNtrfybE/Q5jmi08J4A1pHXMXJBhijwIzcAz6Iggo6zBq/i"
    "LfcABRllWxHoDgQyHQgoWgYWrAKecrcBZYaux3t4awfEDnbrONDJCKLlEvoc02w94FXKHk"
    "OOj823P59Y5MC0SIzTyesp/oys122OzVcnQpwgw+oX/knNydmucH6BUtf37o9iVdWnTccL"
    "2hlRWELN417zWNdw1zXch4muruGuS4zvZaPXJcYPDbAuMd6LEuP1YRyVukTb1tFzYFqdS6"
    "FlXbSK2Q4KQm/r4s0Equt0LlXB8u2tiw4SnG7tIy48KBvkg/9z6UVuSKNpqkE+zOVxY5AP"
    "/go/ej6y47p5Kx/N7B8UXbjerhrOsQTEbCmC14e65LwQj3lPKRS0OZ8J2N7Oag1vZ2WrG1"
    "nfEtAmw/uM6+i/8f9dX3/4AGyXuk9Mb7mC7pqkhtpLBP4vOdIODPwjdCKOI6U+fisdrzsL"
    "cxXMAyVg0+LxlGMf8Kbj2gkW1aONO7D5kKMkCQZWkUigHl2y7F8EK2TaM9sEaUsBQGcEzy"
    "4ml+/BKvJNUl8azHyEV4Zrrv9I/I/RjNRBJ1x8D+6jycnklJN+vaN7dJxmrQ/gLQ9gHWuq"
    "Y017JA0NM+pQx5oeI9dFYk0fkJQEngxXLtL09I2AfH36plbAJpeKmyj+1XK1zDOCPqs3bU"
    "OVRIM2mmI2yggzwErAXKRSEevOw8LMhWebPKPu377dfKkRBHKS8nlgmyH4DThY9tkV1KM/"
    "zSLXJCiCaWQ7oe0GL8n9/jzaEQMaACcQFY6CFOhn1+f/KPPg8vPNRXmPJxNcVALH/h3ZPu"
    "LlwHmeg6BbFzWWk5W4MsV0u2JH9s1+kb+4uflcQP7iUynR7cv364sr/C6UKlpWBWJYE9Le"
    "iDasC2nfJdbpCTooqHtlTanxDTCdDDfZTHbhFJDK/A1CGKuOYgm5yUOT9N/QyGjl039b3j"
    "aeQvK+Le8leReMOKb01zK3yGiE70JnkbhDmpMkiJQX+SYySvn0crCxZQu2uWv6be4Gb/cc"
    "useTzhzX1jxtzTtSu4625h0j10WseTpzXGeODzRznJWbRTFmaXqcANcnoym+Y4i1UkN2OZ"
    "fpFFzWO8V7tUgCf2QBzwjVW+DdV/VMQUNLaMs1ki0Tqof2TnbtFLcnhFUcjqi5GfGcUj3I"
    "d7KjuAhZQZuk8QqheoDvoCJzajEURTkjUPGE3EXFiTkyEImkb5t8X6FXUGUdropatUxUjc"
    "DCr1aFUr0drHvFFf3AL4cLHW5ecT3YJbJOkO6RgWAnR7MDg9CYeY6D34hoZaT1sqobWl0E"
    "EJd8y3JcPVvuDahzCm1ZCK9AuCS5Vhwkmxp1lii37tY5IBjbNOt08C7fovJTiUy9/XgnhZ"
    "9cL+SFU93hPbdGdE8JVAC4SZi5+sddQY6pREtlssznmy9/SYeXQ6hKOiqTySIXxFYm7Eco"
    "G7mtMqFsMwfO51h0n3k+3UcCe+7y60g0Bls1TaND3SRC3QiQLc6BEpkK29Q+rGe6VJWqpa"
    "oUB1dXquoeU37MnHikGp9eodV72CZaunIYt2LLeKiVw3q2xkXxbVM4rLQzdIC0RP+xgeLM"
    "301ryojpKm0Hr9Lm+RbytyyolWZ53JC5FNqjeZuBY7vb1h9L4fpGZ/yMJ1QWM+pmjKO4uw"
    "KNTHmZxYWriFrmytgSso90nu8rVXHykQkdh3ixfXvb5XVL57pyk6hIVeCSyvsrHQr1sTIp"
    "sGnzVckT4ls+rxrn8+8tMybj87IhbTI7UDfnThpeNlagzFRW3Gm6BjCv//QMv1JkHgt4Pr"
    "CXK490aHj+R3D78RoE+AoKAPTj2mwRvgJmvrck1doCxKsztZubSGZ55gmGsaREVzZ1AW9O"
    "oIsH54meieNYMMVT/k4bbqBz83qZm6cDRfYWKFJ8TUTjQ4pUw+jStqO4kFYhIR1GgwwJvT"
    "bhIC2i83RYnlRY3sr3rMiUCplnSNRDeKcOVp37rEoWrEjuc2sPmnadbSValkOuajzEjRwo"
    "EqrkJz6s95ItTbSt74eZamCsEHZMlJRt1i1xef7t8vzD1Yi75WjXmgi6Qj61eqePlDFwG5"
    "NWauDbZNliDIGiBi7WKLnZ0HXjoszu9FMAYl8XIFMg6z3wHpEPoOPQDgNjAF0r/oq0HyCr"
    "zcJMo1apJ7wwvKeqiavb6e/de/fceYLrAKB/RxDTeXQsnOMzfo5Xc9qrm7nlr0V0fgW+9x"
    "SAZ2QU/eLeffKx0oKfihjdqEEN2GHSY8HGz+JDN4A0UPb5H+nk8cOA+GiJLXEQ/7TZvfur"
    "P1satGXxSxgY3uzXl+BbYq7DPy1Ac+JcpwSlh0w6OmS/Ob7F+B4vJbzag5BenWId04LEkI"
    "9JfZ9M9bRAMSX+UeAJPwVJ9ADkB4X4gufj30TthVYbu2DyvIQyfh7DROR9HBd3sc2mu2RB"
    "GrE3Qpvv+njAjxvMd7TlvdHOssSjPWr7Ek3Faoclh/SooawLzKgPFM0I+iz+J49JzrL0bC"
    "yfq/sJG822ewktKyXpNcDxyR4bbVNpZEwO4RlypaDes/KbHMNbbCH1MwwiF5TeERN6WKzE"
    "7Ip/jRjH5LaWBCfpHaZC1+v3INlo+NLnYfacsqQpvvWUKXuN/FB3IKxdEn2iyplvS3xW1f"
    "KGIVPI9Pl68u40Q5v80YTvt+vzz585WXHtAJ1pQGsAXbYDdKkBrQGUMQOIuhMZEgXdiSIN"
    "fSb1DX0mlYY+uqJuG6mtT77DFJNm52GvXFdHYteqOK5kjP8iTq40wncPLq6DsqxTB1f3Xh"
    "UmU6TBp1LMJxHwqMQpLeKuFGKHJ2X5YzpqwmHCeu+jt1M4uY9OJ6/f4X/fnb7F/6KfT4Ad"
    "gCXmlv2CdkO2OD1pu56c2x6+xLvkx5fbxHPaccj7BEoIM0Br30Df9tBxg28g55uwcJhRKF"
    "jHsvtovn5JDYcGWwe89IUVu5MH9h6RwSZMNgkPxbxKEemBSe4UkyGuHpG/BiRfbw0wph4+"
    "4ekk76mFllQefGGu8UKlAQWziIRFg5k9j/gpQXZYFSR2coftMo5i7RVrTlmFY7bEokB8AQ"
    "Ozwb6dYmlI7I2h9P1Yai269G0bbxJd0KOkWSsj0IKLgOBC9gdDush5kUo962H3hc7ZDUgU"
    "ZZZGwcXcPcjyplltkh2ASVa+HKXKlSh3UpFY19neU2Il1is8ycKJLIlCXs/uAuC07UXbXn"
    "rIip0lG9ENoQNs1S4ux26bvUox+oCg5dgu14qVXRs3ma4sdpSQxyulIO4oEpYZl66h1qOn"
    "BfJJMk0AMBmMCyABB4tnxIdFgg0Dvp9ruylJktAdMWVhvX9KauvYQRzemHnNME/DxXvwq4"
    "t+hFgPQqtfszH4D5JUhAFy1oBcJ3e9d+OhMPyVZtz8ESBqRKOjMSUZbSMrKeLjuZZNHgs6"
    "IA7PwL+BvVe9++0Br3u6pqb/QiYtwtnsegthGFH2JU8nYLpKoTWsSKJQT34nTCZ5I5LQJX"
    "UztszrVjdOq+qK3bZS/XSbexdrz2qzYN8kjHGDWRCv18DmKYW1+DMU+5P0XskxYeThT0s7"
    "CG3zheOZDyB56DH4wysaVJB7KQ4gZ+tiGkdYTEOHParGdY7NrVKSNBVyRA1u6XgFzdTd+1"
    "xyyVFKgCiQaWNF6+yYBCQ56aFI1F8BAssJCJoLmo+axgrEatoSy/jBYSSHRDSXPD9yKgXP"
    "juGeFVURIdOaJd6nAs3+XqeT3e5knb0xqa1A8pVhyDp4Z/pp+FPilcnNFsIBuRlFn2UsYn"
    "W1HxH4DSwR6Y1pea6otrrj2IBDdCzr2QukO+wNCFz8/rQ4AHIqvf/3bf+XSHJjDwq0bfuU"
    "q8wH8y2Rt/pxVmzt8ZPrCiLtpcucA1w/Hes6aPLUFcZt8tXVQ7I5dlvKUXEsXoott2Ptf9"
    "D+hyHskAO1RGv/wzFyXcT/YOKjVEY7Tsd3oxvv4uQiCjy+HXhA6zFAL+cvAYJB2EY37t4h"
    "Qf8rgXY6vs+WiLZJCV21+2kl7aeVsbftMSleQrxv3KiV9TndaYyVA7eGKp7qK55JWbSS+N"
    "KOGpcO1nDQjFIUbI2QWvG0O9Wur9y57aJvKAzjR6so2MUB4yYdG9GhRsCM3RgTe+m5NF06"
    "Dk2F1tJ2g0S5ATAEfuTGHtRn9KTG9/a9R+iAKYldfT4mMaT0HIeRZYdJ3fZCgOwO5tcWAG"
    "0B0BYAbQFQShfUFoBj5LpQBCLiNOxuCECMh/dX/2+pj56K1DE9ra9jelqpY0rry1Wh/du3"
    "my81x1ZKUH6BbJO4+B07GGLsYQOsBIrCW5LC+ez6/B9lpC8/31yUlz+Z4GLbspYdCttFBy"
    "BP2q64CBvE7WxsFr8l0qk9S/8iuVsLLAOTRkhJTtZLQFLB4pVBBF9AxGEUANerZG+FT7bJ"
    "bdLe+fzc5K8sdyiWkotRoRSOcjKYzh/qZf7QoIKAe68lFeMVJBDdfwTogLA8nrDpUdYij+"
    "7HZOtOslHVDwsqZPbHp1ALrhcph8P5o4n+KhVwoLnJEkI4Q7J/MXz0p1nk0gcA08h2QtsN"
    "XpL7/Xk0YOG8VP6IFevEhbISoUrH2GFLyLAlLorskC5zwtbUGBgr6nwz41Ktk9Iy7FP53o"
    "+e43hP37lqZ3Zt3KRwzugoIxJTNbcJoWwqfytULz971BYFbiGede4i1L6wRX73dC7xu291"
    "u5h4Q7USrQj3UhHWbiztxurPgTdQh4Z2Yx0j148zkLWlI2sHpcsz+UO63X2Fchgd2ke0oA"
    "Nc0/J4C9LlwQ2xLAyekXYP0F3TmKLnW5vNOJ2Wl1hk9qQqwuQUCkYJd7+YSXNh6Eu5vBkS"
    "BSHuLBC7sGUgZBG1VgZmlkZFnDvPtI+LUJh831pDUkGRTEGoJ0JLetKwpCecyu1H4yQ6Sl"
    "eBqoVCerNbJbYr+R4TFULdakKo1QSRVYltupX9o0Sri1z0ee8qWbQFzYslKpVcat1ZELP3"
    "YLqWQ5dDqavv1JtopeEt0+nlqzu29MUN1OBu1x1bmMN3q44tt/jYvP10eTeq2U86QFgwz3"
    "Sw6Jb3UAF8WYe3RrexLU5RvBJZu4zIsD98eyZgCC/eqnwl3XyI7XxoQscxSB9oG22ZnX5L"
    "57oiLaUVWt47zVL/qxcF6DZy8P/cESd+qXB93BTDtCAjDR8Pxf/EYwVyZigVIFTgmQVtZw"
    "18tCQM8MfgCaEH/IVlz1EQPgc+dMHM8wEk0Q22Z70HHn4Lx8B2AXEMPXn+A/J5eTM7uQc3"
    "d4bcgy5PSqwTZfojGI5BfXxQyjVRs1jGZfWMj917/ZJXQQLenEJBgLu37uItq4WZMafS3p"
    "HeWRh7klT7abny/PBv3pQnGOQXG6UCmw4z/pWME5AIZjY+p6cI8xfExAifwqTR4sr3CLDB"
    "mP7lRSEWRBFtxkj+foSObcW1aHxEyHiSQKdzywZbl3U+oXDrHD+DTuA1hVtr+aKX8oWKna"
    "bykmsAi8uebyWlxQ5/HpJ3XLbaI0vTZ9TbSnVCTs7XDU7O15xAI4yZgXWlJU/4aIaaIesz"
    "2iMzeCSr+4cT/Gizts8EQD+rhfysEgbjr1PNurSTe56DoFsTBpNTlbCeYrJdgZ19s1/p7u"
    "Lm5nNBsLv4VNqtv3y/vrjCOwqFHQ+yw8Imrn5UClavXAvDOyYV+lz6IYhMEyELWWN8B/x6"
    "Wv3YyEMvhI7he08cLtRKLkUi7fetLmws6ppY3sSSqCS0VULd1KzOqW56kcs5Fjc61TM6DW"
    "0Z2jRFSBbaCp2Gtgwt8n3Plwa2RKVh5ey0+FcupYpgsDS6CkZBluuiCsYSH2BwLqUbMiQ6"
    "/FUs/FUn/yqWBiqS/IvVH78d14uUOuC5b+6IotXHtYNFKzaXSDWf+8znw0YH94yxXQiGTZ"
    "GpB4ic7BnC3QROikSe7dRh6pq2VdNOM7s2bnSXsqP2VwcqaaYk5ZhMntQwmU5MNX5JTiEm"
    "uoIx6Hj/cZA1R4ZwTabsxph6Qz2muvvi2T3nsc09GcqG+2o/bC/9sLoOlK4D1Z8jT2FVUN"
    "eBUo3rHJ1B14HaYxBtbBWWQZch6bM7uld2SxgFcis4JdCGYSGAbawpmFLRQjmFhlgIYvza"
    "420dn6BYT4lk6xNxiTXwQsAHCMvddihX3oyhUXCT3k0lG6kdOiPQ8IqkkqA2u0aRSr3t4t"
    "WJaJ2+xkJ9lR0jTiVopSaVSBXUk4arF1XVYcbM2arvTZVc+876zO/ESNzuxS6Qaj73mc+m"
    "Q4XlFrZNllDzuM885rio2m/fhq5JOhC2lzyE7XZxze6hsLvkABd30JYIdbU2SWdtRRviF8"
    "yrxb9EpRL+nflgQxg8SC9shkihCK4DVyBkImW2jPK6ZKYa2PIWDvUqbq0CVdzImu0A27tk"
    "mmGtcFFYmRe7JnaOtyt3AKviRQdLJ1HNcj1MXOIvK/vcDCPojDiBifnFcVNk4sPKJq0r0n"
    "GdxiZWIhCXCBOZdLX4ENPBzEtCa0MZNGNAl1frz6k3BjrsTofdDWE/H2gAlg67O0aui4Td"
    "5WeleEZrSqGgV7z74LuSCCKKcllyUQ/qjusbFWQ77gZWE7VUohtGo8su7KycLpaP0Il4jU"
    "KRaS+hUyNupTRl5GKilwmxYthdXX66Pv/87NXpeFIqBpWu3TecCFFtJz64ndgk1QblM1Or"
    "hAoZNneWmqpNlh2ZLC/Pv12ef7gqm9eyNbk/C1vPVrC4ga38/vYq95eY0Rzkc3N/s2vjjR"
    "a2bNjGSsm30A6QRfsTxPaGZPGNQSzf0+rFsWwEnhZegEBsvgMWerTx6gjAFK09PCZcYGVk"
    "4TlWtWLyju6hTYBKHtL1JkCto2od9TBQax310HpWVUddOZAjUDaqqCmJ1lA3aKi5i04C3Z"
    "xI47sB31iw4bqzGiEu0B0lyifjN8IoZ+KiJMoFumNE+VQCZO0krJchhukuEnESahOmDgvs"
    "Iys6tbEdxgT0xQvtmW3C5KdXzECF6+MmU5BbHrm3UnA+Ph1XNil1JlELjn1cI5uB/qK1SG"
    "G28k3J7pscLvL3j1xC3nBzbSPqpY1IxS5ZvbEPhXboSBVOyAgUhHcilM8/aUjnn1Sz+aee"
    "JWV6S8erVy9hIlYvYdJUL2HCqZfgTf+FzDBGSgLoEpl6eHe/WySQyZ6HBTKFnOt7jnDQen"
    "ktQwaih3PCNquKOCPkyvCYIdOVA/rN36JSIx6mVCBTyc6yqyilgsqp09Q2RNEUllef7Cc3"
    "UTj1flwn/ZY4BpTigHGTBcWjQ4VsJ6NzENgWAmg2w+ILePLtMEQueLLDBQgXKEnkwR9hCG"
    "jFzwDY4Rh/9H2bBMdEIYCzkETHeMulze073vn8kladvHWjhFUlhtBI+oVqg0o/5cbjMqiM"
    "8F/QwY8BfgOraOrYwQJ/Qo/J3n/4EooruHY8yMG9oeVfTtKPjn/ktsp0/NPa1FFI2+UTTo"
    "bRZVqtV/WN0xXZ/zAC6tcFDNDfMQ/po1XEU/Zyo3Ca+TBXhEJMSL3DkqJFQ6q9GfBcBCgt"
    "+QNmYdnvwX30bvru5/vo7c8n7+6j03evZmP83c9nZ2/wlRNk5d+dTk7xCHzBjL8Dng8oHR"
    "7z7tQ6i7+tCrMHfA6RsPEYUR0WPggJVVeG0JUh+nNIKhz0pStDqMZ1jqhUqQyRSReiFoCM"
    "oM8mgJZe0p00o/BDI83YEM0EKVIddR4Ici1p+FiaowZPx/HqON4+skKBON6vDnTxIem6iF"
    "swkb08blLzSdKaYTIjBTxRJnQtm2xgICGMNWsy1XtghwFApFoLjXQFgYnXVTAGeDXNEU3F"
    "/uXrJ4DPF6wfBzw3VLeTc9Vx+ptjllLYypp40S2VDxbySLGAGmlKoHZK9W2PHGuVX6v8gz"
    "isBqr8aZX/GLkuovLT/1b4Xa/xp+NVVPhFu/Y1Ne2r5Mzm0pwoxAxJn1EekVAkjJ3t5tIh"
    "EQkD6KAAJH2ODx+anomwxgOSyreoEPY4EYDyIhfWsZCeCr25gP5yDZdOG56cvhHgyembWp"
    "6QSxVD2Fy2K+tc2W2nezsj1cSq+NZHFOUUOqCocHB3EVDkenItiNPxPd5vWi71nfTR9kkw"
    "HzErUEsDR3Ztqv9RJd66CEjPONB1PRtSUtEPatGuz/Uq0ymU79WZ5u2iJ8OMgtBbtsK4jl"
    "xDXYWaihQGVuwCueblZTq9S4vu0jZenbJnYYlMPbB31Ss+QA4y25lzSqQ6uLU/5puq1c6x"
    "H9s0nGXINH/7zF/vyZVtccqSqOSs7+zoZ7yI4l49hkglUA8bAcEv7Cof/RAbu74msw2ME6"
    "IBEMwK3NwogG4CHUCreHYzu1f2qgMnWcvXtoOwMueiUU1QST5gvDGsZFkYKxBYkhGA6Ros"
    "PTdc0AwOYmkmE4JnJGVjYr66j96gCSRZF2TriL+cvHjNfo2/nZxMTp+PgRUhAEMQuw4sMh"
    "9xGTgw4GZBH+IRZBOl85cST5xFGopHp2S/Ucen9PYEGwMdn6LjU4Zw7g00UkHHpxwj13VK"
    "ysFdxbrM567LfLJPJoFziUwbvkUN31RNMGa+t5QQyYpEKtl3OhO6YohCTxrVmERjysGU1R"
    "hF89lYmqPOZwtCGEacKKdG121CoeDhtZN0VQxXOxd5kVC902snPnKa6dvOZVug1B69/ig0"
    "VT3W9JYrYmVuZb8o0WpO95nT2nerfbcDt3xr36323fYV0177bm/t4GFU47al18YbPbZ+Ok"
    "zAWUvGsq7RnwLgo7kdhMh/Dxz7ATn2wvOsMbCXKzzVGF8NVhhgPBmFkabtY6Gd54XtdO72"
    "7lVxlyp5YO1N7e2ZMtbeVO1NHcRJNFC/mvamHiPXRbypJubC3PMl86BzGgXtprp1ovapqm"
    "KV3pVPNRfyZeAuUim4ts8EsD6rBfqsjHKsPskgnFNodDehmyqlMviyND3eLUb30Vv08xv8"
    "73T28310+hqSoOe3U0tQodhPQqJ212p3rVLu2nh3sIwpR5yuj98oUg0jgoOWF0o3Q7CMgh"
    "BMEbBdYg40aXIGHuCK7TZyQR6m47Vr0VMg1G7S/uik2k2q3aTKmbS1m1S7SfuKaW/dpLfI"
    "hI5zAUNzMeJ4StnL4yZnqU8HGtNspIi/lNLQunYgjHwXWVicCT0w8xzHe3oRrQL80Y+77a"
    "YFlX6K3ZkBSTt9+xqZ+N9TC5GGZKRx2el08uo51326w1tt9qZqP2cv/ZwmXsZSRvhkfDea"
    "8GEZsOuCr9qfeQxaQ7Lry6ZPlMgGpH+T2F/oroEFqbqdnitJ6PculG8YGN5MBtyMYECw3n"
    "68xlDOkI+wkJiBS0/rJxiAED4gF3g7MW480c6veC2uOXbR2oO4RKWSptZdcUc0XyIydwXW"
    "hhrIDE0/qiCT+6lTBRn9CA1oyvpsS2QKegJ24iFfYn1AzlubUyiIcfdSJknDlJcwcyotXf"
    "Zaugzs/+OIlbVncjq8z4fxKLMuJKIjssAzxgiRaD/PBZ3GXZ/YD/ZqhWR8AAzFQGB30CwE"
    "XhS+B9AhMYZr4kKDWLpcYREz5slhwLcttFx5IZaA17JdUjiknbiPe2Si2ElfIB/h3xlwDp"
    "B6AZUh6Yd8qlSXjtT4M13LuSIrdH3ejPaqkDU4xXLQtP9mY9/b8gKTduKwDbTxM/FaA10k"
    "hB9/uUUOrNG2Co6ZKzzVWiHYf9+9qyuGrNbVlSG60dWFspEbXV03LsrFvVQUeU9sXLaftO"
    "wFT4tM/sCDSOdeYgLLRMNUMqw6t7qenNsgmPr1kqWf3oP82dgomB1IuZjMsTmDkIU4a6ZC"
    "maATCWWOjgM72BQOKqJma/qwpVfpCS9aEJfbOpjJVUZ3YEgUtDlNRNomTurbJk4qbRN9g+"
    "6pVYi/LfGWVbuuGbI+L2vZDeb15N1ptmjJH03r9dv1+efP1UU7a4foTCNah+iyHaJLjWgd"
    "oom/z+T7s5okijKlSsjuRbxgMuBgEBq0haF0xAGHdBju8S5MNRyvNyvPi69llkqv49bruK"
    "QXieNfItQsaM2CWF43opU0D8qUmgldBelnscNbmiJLMcsDY4WoRZLdizeH6bM2lG2TIJip"
    "FMW2tM9uhjfbFDrA9yOd6/tKYXzLe2i/MiJmywsvci1IjfQ8Q3FhwLjRVDxbGtPi2I3G4r"
    "8vkI+oUSkx3sZ1qcaAVMaP4yKxMAt86D5gXqQ14Z4WnpNQWGDlraLYgVA1F3c7/b177/4a"
    "LvA8eIAV/Arof8a0npaFpWk3rrBFpniEToRvF07iJmDh2/cAZvbq5GHu3VfgD+C//vMA3s"
    "fjwZ9BaDz8Dp75yCTubZLmSp+PyvKAyOrPx/jpbHMB7ACgHxhah0aP3rvkJ7yYwgA/8b8j"
    "vBjt9BfQVA/0iPx1fv+0tF7208if+DpmPUVmF5kex2KF3tK8WW9fPorY6NiAkAZFr8ETeX"
    "9JHHqEH48sZTFTs46K7kdUdL7DSABbJOozrkykVXxaHMYRkh9JVZTrg3uKVDq+h8zcbXxP"
    "sm21rLrPkOrQ3X6H7iL843gv30fHg3WxpDlNibszQtQfjo4W+Dx2PCwd5+IympGtA4Se97"
    "D9eXzz/eLzFfh6e3X56dun5DXM2Esvkq/wF3aqMp1/5tlWDqZAfYudynfQcfixNqUhG5Wo"
    "xEtthNnwjXrUZXYQkXiXWJsgasmzpB62hVbQD8msY5BMj1UJmDU3ZvlaVaM6n12yJncWJ7"
    "E5mIZiZmSFGmpCaMjby8yfP7/MTXKqhjvpYB0drNPTI7jz3nKFt0gc2ApdK3R7Vi5LBzsN"
    "LtgpU+Yk1m6BRu8KPP+vfBSJDh/Z3udLTcaSuOc0Gvhu4nZ4BsUmDnCI+8yK0X108hq+Ju"
    "baIHapTE5OTl6cvML/j7VDxnkRSFnGDuGaP5z6GEKq2HL1xjAx0W9QGLNhGxXFu0VeciSI"
    "lkvor38KUrN7vBCxlkeN7pFLbO6Yjc88knXhPXGKjW03HXGo3VDf1pOPtXusXxJ7JLBD8P"
    "HmFnzD5/QVcXc5KHEGkEHJbWwU/BEsvUc7MUwkt8TTw3vXRYkLAT6gIJ3u+1diLMIKqgdc"
    "L31Y6kd7TB4gRC6Ac7wY8aqFpMyNQ3+c9ob10BumfTa7EthU9zPuKMjU90i6WQtbf4FQW/"
    "p7Z+nviaRwB/ntHen3jRJCCAW7OtazVNJea8LlCtrzrLTzAsYdLWjluDgmXcTIGjwY6Uzi"
    "tlzWTJf3c0CuJXVfSQNy+xslrRAwmTYi91O1060jdevIIZyzA20iqFtHHiPXOdJWpXVkJj"
    "aIOjwyAgXdHd13b9JNIw/aNPIOy3d1/lDlmkY27UpX/7grbEiV0LtsU/p88+Uv6fByPF6l"
    "M1mqaHAPjBqHaYHqqK0ZmRojAR9Lc9Tg6caDuvHgwdDeSePBle8RwU7G1M6S7E/XPdkVxl"
    "2H88Q9FFpoNEVK3WewPwpMVW8lYfwk07NtCgBLqzndZ07PHDifY17NPJ+eLoE9d/nxehee"
    "5yDo8pneNE1pAUzxPLvaRbNv9sv1i5ubzwWGX3wqy/rfry+usLBAOZ2nBHDshEUPhETsWc"
    "l1oZCHeN8RaDrEeudFjRnvWCnzSLrQBTPVwEAWLnRRfLV1u8+OcN2q3Sfjy3RN26oJFpao"
    "Ff0pmWaw8lC1TnQpyQK55PcZju0+bIkViR34kExoKlVamweZudaYHaoceQm1mjiWIq7NES"
    "2GVRzcaXDLP+NbxHtafKPA8FxeEXAdm9HL2Iwi06QYUSFVSRTdsxLAvEbiDGCINPTbZTUU"
    "OdGBLJuGGw6MBaKyLLP0NusH+Uahgd0EbGVT5cN7mNhaqqBxZJJUcauXRPAVI0pH7TK+Vm"
    "eX7DO7REd26sjO/uyxA43x05Gdx8h1kchOcmLSzxWe14dusDTdBMn0qOHnqUgxi9P6Yhan"
    "lWIWlh2sHLg2ZGEu06kYj7ST7qqeXDBtOn5X+B5uLXff+Rwtoe3IgJsRqBfetZNAZay02I"
    "+c5dsYq5AT7TEyIV3Wgw1M0EWy9uceLxbo29I+86Ew2bBwljDSFBfZFu5cQjenvrTAmOON"
    "gqNMy7jdzlcr33uEzods2gHKIYLuyhw40ggAY8ezn2vsONiRUAQrSxrf0tOrYEgMD6wFdF"
    "3kGFjq3xqweKqveCZVMUttTQ21AqUQE28vNJAjhbfC9o7VIJdWHO1Lg3+ThkFbAqZgb6Wi"
    "yo1MUltOAyYO2MqjuSP7D7UbJF6uF9oz24xlse2g+sJMpSpc8W5P5IhUqNgSNCJIJDLFEW"
    "C2tB2ETzgXdYDadTrXEeDm28G2MZ0EsltbqfiL8kkJHcegXTS3XV5qNhytBK11ECWsEjy7"
    "jL75O5ouPO/hPAzRckXuWInDKY0YN0XkPMVjDcgM7jg2GN/TJg0VEyNZeicdGdybOEhCU9"
    "tHMV8YgrZ3hkKleNTuKsZKB28oG7Qx3CCNamxOUizDxHusxMtSotJuqur7gnzf4+QVNviz"
    "UwL1/Nk7KVdiRT6Vz4ylTMWSEpXe6rnu64LoI5NUUyBUCdzD5nWkwHbg4k7E7A/MjAPjiL"
    "iju7Aa+5SLUGZCvTrE8mmzPsSuk64VIuRaK8/OogbQI4kgeEDrikpUUzTbRT/CVGEjAb2E"
    "qrl2dvarIrqe04VM715bpbv0mEKtHtMbpbQNd9P6Xi/1PZ3LoXM5+nNCDTSqX+dyHCPXRX"
    "I58sO+wvQGhZYl6nOKwYj0Fou3UtJHLPagB2PgJYL04RM9YigpeNIMSKn6zIGWdoXugV7B"
    "teNBjij3t283X/goMyTlTc02Q/AbcPABviuoR3+aRa5JUATTyHZC2w1ektv+ebQjBjQATi"
    "Aq7GeVIt/let6ljYpMwCnyrWSZ5RHJlCd9DX8DidKGLPo5XkmHL7+caGoytjWWRFcDLsvL"
    "Zf1XUnzikOtqsf0RmaqSMm3z2869wiPVPpaaNszSjpYilfa2iHlb0kOqxdZVptX7Vp/3Lc"
    "yn1HDuzaRdQDxqhbauPVdWKxmzBY+PEpVKbrhdZZGylv9uHGxXzIwDw1rUwVZaZ7IOtoqu"
    "YTjenLPbSERkVmMIFYF+H7GZ2Yqt90ayi3qzN5J9qXTdtEFtlWPta9O+tkHsmAP1umhf2z"
    "FyXcTXFvlSZZCS4X22dffLjtHQrrWhYpp67Vr3UHIqd0By3Aj1HrUSWT+8auR+6njVEJYL"
    "OKdKg1cto1Bwp3k1ORNxn03O6v1n5Jqut3agemu6C9nODWS6TZaQSayjNlmJDd3eNo9b3W"
    "D/nRrEzjH05mLEsYMlV8aN7QLyMdroNaTtb9zG6FUvMtVbvVSQmSZv34ooDG/f1isM5FpJ"
    "ZlqtZBBOhiuI7k7KV+M7htw6qfWqGEOyfzXsMA77zhSuijS1z1yz3/8//27Vdg=="
)
