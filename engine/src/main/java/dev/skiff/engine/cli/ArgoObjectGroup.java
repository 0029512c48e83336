package dev.skiff.engine.cli;

/** A command group of one {@link ArgoKind} ({@code template}, {@code cluster-template}, {@code cron}): its subcommands' parent. */
interface ArgoObjectGroup {

    /** The kind the subcommands handle. */
    ArgoKind kind();

    CliIo io();
}
