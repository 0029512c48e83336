package dev.skiff.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.spi.executor.OutputFile;
import dev.skiff.spi.executor.StepCommand;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.spi.executor.StepTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalExecutorIT {

    @TempDir
    Path workDir;

    private StepExecutor executor;

    @BeforeEach
    void createExecutor() {
        executor = ServiceLoader.load(dev.skiff.spi.executor.StepExecutorFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.name().equals("local")).findFirst().orElseThrow()
                .create(Map.of(LocalExecutorFactory.KILL_GRACE_SECONDS, "1"), new TestingExecutorContext(workDir));
    }

    @AfterEach
    void closeExecutor() {
        executor.close();
    }

    @Test
    void capturesStdoutAsResultAndReportsEveryPhase() throws InterruptedException {
        TestingListener listener = new TestingListener();

        executor.start(request("hello", container(List.of("echo"), List.of("hello world"))), listener);
        StepOutcome done = listener.awaitDone();

        assertThat(done.phase()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(done.result()).contains("hello world");
        assertThat(done.exitCode()).hasValue(0);
        assertThat(done.message()).isEmpty();
        assertThat(done.startedAt()).isPresent();
        assertThat(done.finishedAt()).isPresent();
        assertThat(listener.phases()).containsExactly(StepPhase.PENDING, StepPhase.RUNNING, StepPhase.SUCCEEDED);
    }

    @Test
    void aNonZeroExitFailsWithArgosMessage() throws InterruptedException {
        TestingListener listener = new TestingListener();

        executor.start(request("fail", container(List.of("sh", "-c"), List.of("echo oops >&2; exit 3"))), listener);
        StepOutcome done = listener.awaitDone();

        assertThat(done.phase()).isEqualTo(StepPhase.FAILED);
        assertThat(done.exitCode()).hasValue(3);
        assertThat(done.message()).isEqualTo("Error (exit code 3)");
        assertThat(workDir.resolve("fail/stderr.log")).content().isEqualTo("oops\n");
    }

    @Test
    void runsAScriptWithItsInterpreterAndEnvironment() throws InterruptedException {
        TestingListener listener = new TestingListener();
        StepCommand script = new StepCommand("python:alpine3.6", List.of("python"), List.of(), Map.of("WHO", "skiff"),
                Optional.empty(), Optional.of("import os\nprint('hi ' + os.environ['WHO'])\n"));

        executor.start(request("script", script), listener);
        StepOutcome done = listener.awaitDone();

        assertThat(done.phase()).as(done.message()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(done.result()).contains("hi skiff");
    }

    @Test
    void readsOutputParametersFromTheStepsSandbox() throws InterruptedException, IOException {
        TestingListener first = new TestingListener();
        TestingListener second = new TestingListener();
        OutputFile out = new OutputFile("value", "/tmp/skiff-it/value.txt");

        executor.start(request("a", container(List.of("sh", "-c"), List.of("mkdir -p /tmp/skiff-it; echo one > /tmp/skiff-it/value.txt")), out), first);
        executor.start(request("b", container(List.of("sh", "-c"), List.of("echo two > /tmp/skiff-it/value.txt")), out), second);

        assertThat(first.awaitDone().outputParameters()).containsExactly(Map.entry("value", "one"));
        assertThat(second.awaitDone().outputParameters()).containsExactly(Map.entry("value", "two"));
        assertThat(workDir.resolve("a/root/tmp/skiff-it/value.txt")).exists();
        assertThat(Path.of("/tmp/skiff-it/value.txt")).doesNotExist();
    }

    @Test
    void stepsOfOneWorkflowShareAClaimVolumeButNotAnEmptyDir() throws InterruptedException {
        Map<String, Object> podSpec = Map.of(
                "container", Map.of("volumeMounts", List.of(Map.of("name", "workdir", "mountPath", "/mnt/vol"),
                        Map.of("name", "scratch", "mountPath", "/scratch"))),
                "volumes", List.of(Map.of("name", "scratch", "emptyDir", Map.of())));
        TestingListener writer = new TestingListener();
        TestingListener reader = new TestingListener();

        executor.start(withPodSpec(request("write", container(List.of("sh", "-c"),
                List.of("echo shared > /mnt/vol/note.txt; echo private > /scratch/note.txt"))), podSpec), writer);
        assertThat(writer.awaitDone().phase()).isEqualTo(StepPhase.SUCCEEDED);
        executor.start(withPodSpec(request("read", container(List.of("sh", "-c"),
                List.of("cat /mnt/vol/note.txt; cat /scratch/note.txt 2>/dev/null || echo none"))), podSpec), reader);

        assertThat(reader.awaitDone().result()).contains("shared\nnone");
    }

    @Test
    void aMissingOutputFileIsLeftOutForTheEngineToDefault() throws InterruptedException {
        TestingListener listener = new TestingListener();

        executor.start(request("nofile", container(List.of("true"), List.of()), new OutputFile("v", "/tmp/never-written")), listener);
        StepOutcome done = listener.awaitDone();

        assertThat(done.phase()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(done.outputParameters()).isEmpty();
    }

    @Test
    void anOutputFileTheStepDidNotWriteIsReadFromTheHostThatStandsForTheImage() throws InterruptedException, IOException {
        TestingListener listener = new TestingListener();

        executor.start(request("image-file", container(List.of("true"), List.of()), new OutputFile("hosts", "/etc/hosts")), listener);
        StepOutcome done = listener.awaitDone();

        assertThat(done.phase()).isEqualTo(StepPhase.SUCCEEDED);
        String hosts = Files.readString(Path.of("/etc/hosts"));
        assertThat(done.outputParameters()).containsEntry("hosts", hosts.endsWith("\n") ? hosts.substring(0, hosts.length() - 1) : hosts);
    }

    @Test
    void anOldFileInTmpIsAnotherRunsLeftoverNotTheStepsOutput() throws InterruptedException, IOException {
        Path leftover = Files.createTempFile("skiff-leftover", ".txt");
        try {
            Files.writeString(leftover, "stale");
            Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2020-01-01T00:00:00Z")));
            TestingListener listener = new TestingListener();

            executor.start(request("leftover", container(List.of("true"), List.of()), new OutputFile("v", leftover.toString())), listener);

            assertThat(listener.awaitDone().outputParameters()).isEmpty();
        } finally {
            Files.deleteIfExists(leftover);
        }
    }

    @Test
    void theDeadlineKillsTheWholeProcessTree() throws Exception {
        TestingListener listener = new TestingListener();
        Path pidFile = workDir.resolve("grandchild.pid");
        StepCommand tree = container(List.of("sh", "-c"),
                List.of("sh -c 'sleep 300 & echo $! > " + pidFile + "; wait' & wait"));

        executor.start(withDeadline(request("deadline", tree), Duration.ofSeconds(3)), listener);
        StepOutcome done = listener.awaitDone();

        assertThat(done.phase()).isEqualTo(StepPhase.FAILED);
        assertThat(done.message()).isEqualTo(LocalStep.DEADLINE_MESSAGE);
        assertThatProcessEnds(Long.parseLong(Files.readString(pidFile).trim()));
    }

    @Test
    void stopKillsARunningStepAndReportsTheReason() throws Exception {
        TestingListener listener = new TestingListener();
        Path pidFile = workDir.resolve("child.pid");
        StepCommand tree = container(List.of("sh", "-c"), List.of("sleep 300 & echo $! > " + pidFile + "; wait"));
        StepRequest request = request("stopme", tree);

        executor.start(request, listener);
        listener.await(p -> p == StepPhase.RUNNING);
        long child = awaitPid(pidFile);
        executor.stop(request.ref(), "Stopped by user");
        StepOutcome done = listener.awaitDone();

        assertThat(done.phase()).isEqualTo(StepPhase.FAILED);
        assertThat(done.message()).isEqualTo("Stopped by user");
        assertThatProcessEnds(child);
    }

    @Test
    void whatAStepLeavesRunningEndsWithIt() throws Exception {
        TestingListener listener = new TestingListener();
        Path pidFile = workDir.resolve("orphan.pid");
        StepCommand leaves = container(List.of("sh", "-c"), List.of("sleep 300 & echo $! > " + pidFile));

        executor.start(request("orphan", leaves), listener);

        assertThat(listener.awaitDone().phase()).isEqualTo(StepPhase.SUCCEEDED);
        assertThatProcessEnds(Long.parseLong(Files.readString(pidFile).trim()));
    }

    @Test
    void stepsRunInTheirOwnProcessGroupSoTerminalSignalsMissThem() throws Exception {
        TestingListener listener = new TestingListener();

        executor.start(request("pgid", container(List.of("sh", "-c"), List.of("ps -o pgid= -p $$; echo $$"))), listener);
        String[] lines = listener.awaitDone().result().orElseThrow().trim().split("\\s+");

        assertThat(lines[0]).isEqualTo(lines[1]);
    }

    @Test
    void argosayRunsWithoutItsImage() throws InterruptedException {
        TestingListener write = new TestingListener();
        TestingListener fail = new TestingListener();
        StepCommand echo = new StepCommand("argoproj/argosay:v2", List.of(), List.of("echo", "my-output", "/tmp/out.txt"),
                Map.of(), Optional.empty(), Optional.empty());
        StepCommand exit = new StepCommand("argoproj/argosay:v2", List.of(), List.of("exit", "3"),
                Map.of(), Optional.empty(), Optional.empty());

        StepCommand print = new StepCommand("argoproj/argosay:v2", List.of(), List.of("echo", "[]"),
                Map.of(), Optional.empty(), Optional.empty());
        TestingListener said = new TestingListener();

        executor.start(request("say", echo, new OutputFile("p", "/tmp/out.txt")), write);
        executor.start(request("sayexit", exit), fail);
        executor.start(request("sayprint", print), said);

        assertThat(write.awaitDone().outputParameters()).containsEntry("p", "my-output");
        assertThat(said.awaitDone().result()).hasValue("[]");
        StepOutcome failed = fail.awaitDone();
        assertThat(failed.phase()).isEqualTo(StepPhase.FAILED);
        assertThat(failed.exitCode()).hasValue(3);
    }

    @Test
    void cowsayHasAStandInWhenTheHostLacksItEvenInsideAShell() throws InterruptedException {
        TestingListener direct = new TestingListener();
        TestingListener viaShell = new TestingListener();

        executor.start(request("whale", new StepCommand("docker/whalesay", List.of("cowsay"), List.of("hello world"),
                Map.of(), Optional.empty(), Optional.empty())), direct);
        executor.start(request("whale-sh", container(List.of("sh", "-c"), List.of("cowsay hi there"))), viaShell);

        StepOutcome done = direct.awaitDone();
        assertThat(done.phase()).as(done.message()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(done.result().orElseThrow()).contains("< hello world >");
        assertThat(viaShell.awaitDone().result().orElseThrow()).contains("< hi there >");
    }

    @Test
    void anUnknownCommandFailsAsArgosEmissaryReportsItAndItsLogSaysWhy() throws InterruptedException {
        TestingListener listener = new TestingListener();

        executor.start(request("nocmd", container(List.of("cowsay-not-installed"), List.of("moo"))), listener);
        StepOutcome done = listener.awaitDone();

        // Argo v4.1.2, test/e2e/invalid_command_test.go: Failed, "executable file not found" (emissary exit 64).
        assertThat(done.phase()).isEqualTo(StepPhase.FAILED);
        assertThat(done.exitCode()).hasValue(64);
        assertThat(done.message()).isEqualTo("main: Error (exit code 64): failed to find name in PATH:"
                + " exec: \"cowsay-not-installed\": executable file not found in $PATH");
        assertThat(workDir.resolve("nocmd/stderr.log")).content()
                .contains("executable file not found", "ignores its image 'alpine:3.20'", "install");
    }

    @Test
    void startingAKnownRefAttachesInsteadOfRunningTwice() throws InterruptedException, IOException {
        TestingListener first = new TestingListener();
        TestingListener second = new TestingListener();
        Path counter = workDir.resolve("runs.txt");
        StepRequest request = request("once", container(List.of("sh", "-c"), List.of("echo run >> " + counter)));

        executor.start(request, first);
        first.awaitDone();
        executor.start(request, second);
        StepOutcome attached = second.awaitDone();

        assertThat(attached.phase()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(Files.readAllLines(counter)).containsExactly("run");
        assertThat(executor.observe(request.ref())).map(StepOutcome::phase).contains(StepPhase.SUCCEEDED);
        assertThat(executor.observe(new StepRef("unknown", StepTarget.LOCAL))).isEmpty();
    }

    @Test
    void runsInTheMappedWorkingDirectory() throws InterruptedException {
        TestingListener listener = new TestingListener();
        StepCommand pwd = new StepCommand("alpine", List.of("pwd"), List.of(), Map.of(), Optional.of("/src"), Optional.empty());

        executor.start(request("pwd", pwd), listener);

        assertThat(listener.awaitDone().result()).contains(workDir.resolve("pwd/root/src").toAbsolutePath().toString());
    }

    @Test
    void aStepIdThatLeadsOutOfTheWorkDirectoryIsRefusedAndNothingIsDeleted() throws Exception {
        // Everything below this test's own directory, so that even a broken executor deletes nothing else.
        Path work = Files.createDirectories(workDir.resolve("outer/work"));
        Path victim = Files.createDirectories(workDir.resolve("outer/victim"));
        Path precious = Files.writeString(victim.resolve("precious.txt"), "keep me");
        Path inWork = Files.writeString(work.resolve("mine.txt"), "mine");
        StepExecutor nested = ServiceLoader.load(dev.skiff.spi.executor.StepExecutorFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.name().equals("local")).findFirst().orElseThrow()
                .create(Map.of(), new TestingExecutorContext(work));
        try {
            for (String id : List.of("../victim", victim.toString(), "..", ".", ".skiff-bin", "artifacts")) {
                TestingListener listener = new TestingListener();

                nested.start(request(id, container(List.of("true"), List.of())), listener);
                StepOutcome done = listener.awaitDone();

                assertThat(done.phase()).as(id).isEqualTo(StepPhase.ERROR);
                assertThat(done.message()).as(id).contains("cannot name a sandbox directory");
            }
        } finally {
            nested.close();
        }
        assertThat(precious).content().isEqualTo("keep me");
        assertThat(victim).isDirectoryNotContaining(p -> !p.equals(precious));
        assertThat(inWork).content().isEqualTo("mine");
    }

    @Test
    void aSandboxPathThatExistsAlreadyIsAnErrorAndItsFilesStay() throws Exception {
        Path build = Files.createDirectories(workDir.resolve("build"));
        Path precious = Files.writeString(build.resolve("app.jar"), "built");
        Path elsewhere = Files.createDirectories(workDir.resolve("elsewhere"));
        Files.createSymbolicLink(workDir.resolve("link"), elsewhere);
        TestingListener existing = new TestingListener();
        TestingListener linked = new TestingListener();

        executor.start(request("build", container(List.of("true"), List.of())), existing);
        executor.start(request("link", container(List.of("true"), List.of())), linked);

        StepOutcome done = existing.awaitDone();
        assertThat(done.phase()).isEqualTo(StepPhase.ERROR);
        assertThat(done.message()).contains(build.toString(), "already exists", "never clears");
        assertThat(precious).content().isEqualTo("built");
        assertThat(build).isDirectoryNotContaining(p -> !p.equals(precious));
        assertThat(linked.awaitDone().phase()).isEqualTo(StepPhase.ERROR);
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX) // setsid, /proc
    void aProcessThatLeftTheStepsSessionEndsWithTheStep() throws Exception {
        TestingListener listener = new TestingListener();
        Path pidFile = workDir.resolve("escaped.pid");
        // A double fork into a new session: neither the step's process tree nor its process group holds it.
        StepCommand escapes = container(List.of("sh", "-c"), List.of("(setsid sh -c 'echo $$ > " + pidFile
                + ".tmp; mv " + pidFile + ".tmp " + pidFile + "; exec sleep 300' &); until [ -s " + pidFile + " ]; do :; done"));

        executor.start(request("escapes", escapes), listener);

        assertThat(listener.awaitDone().phase()).isEqualTo(StepPhase.SUCCEEDED);
        assertThatProcessEnds(Long.parseLong(Files.readString(pidFile).trim()));
    }

    @Test
    void closeReturnsOnlyOnceAStepThatIgnoresSigtermIsGone() throws Exception {
        TestingListener listener = new TestingListener();
        Path pidFile = workDir.resolve("stubborn.pid");
        StepCommand stubborn = container(List.of("sh", "-c"),
                List.of("trap '' TERM INT; sleep 300 & echo $! > " + pidFile + "; wait; wait"));

        executor.start(request("stubborn", stubborn), listener);
        long child = awaitPid(pidFile);
        Optional<ProcessHandle> main = ProcessHandle.of(child).flatMap(ProcessHandle::parent);
        executor.close();

        // No waiting here: close itself waited for SIGKILL after the grace period.
        assertThat(isRunning(child)).isFalse();
        assertThat(main.map(ProcessTree::isRunning)).isNotEqualTo(Optional.of(true));
        assertThat(listener.awaitDone().message()).isEqualTo(LocalExecutor.CLOSED_REASON);
    }

    @Test
    void closeAfterAStopStillWaitsForTheStoppedProcesses() throws Exception {
        TestingListener listener = new TestingListener();
        Path pidFile = workDir.resolve("stopped.pid");
        StepRequest request = request("stopped", container(List.of("sh", "-c"),
                List.of("trap '' TERM; sleep 300 & echo $! > " + pidFile + "; wait; wait")));

        executor.start(request, listener);
        long child = awaitPid(pidFile);
        executor.stop(request.ref(), "Stopped with strategy 'Stop'");
        executor.close();

        assertThat(isRunning(child)).isFalse();
        assertThat(listener.awaitDone().message()).isEqualTo("Stopped with strategy 'Stop'");
    }

    @Test
    void aStepAfterCloseIsAnErrorAndNeverRuns() throws InterruptedException {
        TestingListener listener = new TestingListener();
        Path ran = workDir.resolve("ran");

        executor.close();
        executor.start(request("late", container(List.of("touch"), List.of(ran.toString()))), listener);

        assertThat(listener.awaitDone().phase()).isEqualTo(StepPhase.ERROR);
        assertThat(ran).doesNotExist();
    }

    @Test
    void eachStepProcessCarriesItsMark() throws InterruptedException {
        TestingListener listener = new TestingListener();

        executor.start(request("marked", container(List.of("sh", "-c"), List.of("echo $SKIFF_STEP"))), listener);

        assertThat(listener.awaitDone().result().orElseThrow()).matches("[0-9a-f-]{36}/marked");
    }

    @Test
    void outputsTheStepDidNotWriteAreNeverReadFromPrivateHostFiles() throws Exception {
        TestingListener listener = new TestingListener();
        List<OutputFile> outputs = new java.util.ArrayList<>(List.of(new OutputFile("environ", "/proc/self/environ"),
                new OutputFile("passwd", "/etc/passwd"), new OutputFile("climb", "../../../../../../etc/hostname"),
                new OutputFile("dotdot", "/tmp/../etc/hostname"), new OutputFile("dev", "/dev/null")));
        Path profile = Path.of(System.getProperty("user.home"), ".profile");
        if (Files.isRegularFile(profile)) {
            outputs.add(new OutputFile("home", profile.toString()));
        }

        executor.start(request("private", container(List.of("true"), List.of()), outputs.toArray(OutputFile[]::new)), listener);
        StepOutcome done = listener.awaitDone();

        assertThat(done.phase()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(done.outputParameters()).isEmpty();
    }

    @Test
    void anOutputWithADefaultIsNotTakenFromTheHost() throws InterruptedException {
        TestingListener listener = new TestingListener();
        OutputFile hosts = new OutputFile("hosts", "/etc/hosts");
        Map<String, Object> template = Map.of("outputs", Map.of("parameters",
                List.of(Map.of("name", "hosts", "valueFrom", Map.of("path", "/etc/hosts", "default", "none")))));
        StepRequest r = request("defaulted", container(List.of("true"), List.of()), hosts);

        executor.start(new StepRequest(r.ref(), r.workflowName(), r.workflowNamespace(), r.nodeId(), r.nodeName(),
                r.templateName(), r.command(), r.outputFiles(), r.deadline(), r.labels(), r.annotations(), r.podSpec(),
                List.of(), List.of(), "", template, false, Optional.empty()), listener);

        assertThat(listener.awaitDone().outputParameters()).isEmpty();
    }

    /** Waits (bounded, a condition) until the process ended; a zombie waiting to be reaped has ended. */
    private static void assertThatProcessEnds(long pid) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (isRunning(pid) && System.nanoTime() < until) {
            Thread.onSpinWait();
            Thread.yield();
        }
        assertThat(isRunning(pid)).as("process %d still runs", pid).isFalse();
    }

    private static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessTree::isRunning).orElse(false);
    }

    /** Waits until the step has written its pid file (a condition, bounded at a minute). */
    private static long awaitPid(Path file) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            if (Files.exists(file) && !Files.readString(file).isBlank()) {
                return Long.parseLong(Files.readString(file).trim());
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        throw new AssertionError("no pid file " + file);
    }

    private static StepCommand container(List<String> command, List<String> args) {
        return new StepCommand("alpine:3.20", command, args, Map.of(), Optional.empty(), Optional.empty());
    }

    private static StepRequest request(String id, StepCommand command, OutputFile... outputs) {
        return new StepRequest(new StepRef(id, StepTarget.LOCAL), "wf", "", "wf-1", "wf." + id, id, command,
                List.of(outputs), Optional.empty(), Map.of(), Map.of(), Map.of());
    }

    private static StepRequest withPodSpec(StepRequest r, Map<String, Object> podSpec) {
        return new StepRequest(r.ref(), r.workflowName(), r.workflowNamespace(), r.nodeId(), r.nodeName(), r.templateName(),
                r.command(), r.outputFiles(), r.deadline(), r.labels(), r.annotations(), podSpec);
    }

    private static StepRequest withDeadline(StepRequest r, Duration deadline) {
        return new StepRequest(r.ref(), r.workflowName(), r.workflowNamespace(), r.nodeId(), r.nodeName(), r.templateName(),
                r.command(), r.outputFiles(), Optional.of(deadline), r.labels(), r.annotations(), r.podSpec());
    }
}
