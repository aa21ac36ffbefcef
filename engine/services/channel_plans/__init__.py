"""The channel-expansion plan (网络销售渠道拓展计划书, seed 002), one module per part:

- `plans`: the plan — created from the template of workflows/channel_plan.yaml (the
  month-by-month milestones and the four risks), updated, advanced draft → active →
  in review → closed (or cancelled), read and listed in the caller's scope;
- `channels`: candidate channels scored on the five weighted criteria
  (workflows/channel_evaluation.yaml), moved candidate → evaluated → selected →
  onboarding → operating → reviewed (workflows/plan_channel.yaml);
- `milestones` and `risks`: the plan's milestones and risk register, with their own
  workflows and deadlines (`deadlines`, the one place that sets and meets them);
- `kpis`: sales, orders, AOV and new customers per channel against its targets;
- `access`: who may see and change what (policy objects channel_plan, plan_channel,
  plan_milestone, plan_risk).
"""
