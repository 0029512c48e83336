package dev.skiff.engine.cron;

/** Why the controller consults the plan now: the three ways Argo's cron controller acts on a CronWorkflow. */
public enum CronTrigger {
    /**
     * The wake-up the last plan asked for came: a schedule fired (robfig's cron engine running the job). The most
     * recent activation since {@code lastScheduledTime} runs.
     */
    SCHEDULED,
    /**
     * The CronWorkflow was added or changed, or the controller (re)started ({@code processNextCronItem}): a run missed
     * while no controller ran is made up for if {@code startingDeadlineSeconds} allows ({@code runOutstandingWorkflows}),
     * then the schedule is (re)armed.
     */
    PROCESSED,
    /** The periodic sync ({@code syncAll}): active Workflows and history limits only. */
    SYNC
}
