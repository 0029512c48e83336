/**
 * {@code skiff controller}: the Kubernetes controller shell around the pure core. Data flows one way: a
 * {@link dev.skiff.engine.controller.WorkflowWatch} per workflow source fills the {@link
 * dev.skiff.engine.controller.WorkflowCache} and enqueues keys on the {@link dev.skiff.engine.controller.WorkQueue};
 * executor reports land in {@link dev.skiff.engine.controller.StepReports} and enqueue too; workers run
 * {@link dev.skiff.engine.controller.WorkflowSync} per key (cached object + reports → reconciler → {@link
 * dev.skiff.engine.controller.StatusWriter} first → then starts, stops, timers, pod GC). {@link
 * dev.skiff.engine.controller.LeaderElector} gates the syncs; {@link dev.skiff.engine.controller.ApiThrottle}
 * rate-limits and retries API calls; {@link dev.skiff.engine.controller.Controller} assembles it all.
 * {@link dev.skiff.engine.controller.TemplateInformers} answer the core's WorkflowTemplates lookups from
 * {@link dev.skiff.engine.controller.ObjectWatch}es; {@link dev.skiff.engine.controller.CronScheduler} runs
 * CronWorkflows with the pure cron plan ({@link dev.skiff.engine.controller.CronSync}). See
 * {@code engine/CONTROLLER.md}.
 */
package dev.skiff.engine.controller;
