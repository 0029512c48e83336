/**
 * CronWorkflows, pure: {@link dev.skiff.engine.cron.CronSchedule} (robfig/cron's standard schedules, as Argo uses
 * them) and {@link dev.skiff.engine.cron.CronWorkflowPlan} (Argo's cron controller: which Workflow to create, which
 * to terminate or delete, the new status, when to wake next). No I/O and no clock: a controller feeds in the
 * CronWorkflow, its child Workflows and the time.
 */
package dev.skiff.engine.cron;
