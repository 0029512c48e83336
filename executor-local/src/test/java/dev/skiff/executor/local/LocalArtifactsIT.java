package dev.skiff.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.spi.executor.ArtifactArchive;
import dev.skiff.spi.executor.ArtifactOutcome;
import dev.skiff.spi.executor.InputArtifact;
import dev.skiff.spi.executor.OutputArtifact;
import dev.skiff.spi.executor.StepCommand;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.spi.executor.StepTarget;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input artifacts placed before a real process runs, output artifacts saved after it ended. */
class LocalArtifactsIT {

    @TempDir
    Path workDir;

    @TempDir
    Path repo;

    private StepExecutor executor;

    @BeforeEach
    void createExecutor() {
        executor = ServiceLoader.load(dev.skiff.spi.executor.StepExecutorFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.name().equals("local")).findFirst().orElseThrow()
                .create(Map.of(), new TestingExecutorContext(workDir));
    }

    @AfterEach
    void closeExecutor() {
        executor.close();
    }

    @Test
    void aFileSavedAsTarGzIsUnpackedAtAnotherPathInTheNextStep() throws Exception {
        URI key = repo.resolve("wf/gen/hello.tgz").toUri();
        StepOutcome gen = run("gen", "echo hello > /tmp/hello_world.txt", List.of(),
                List.of(new OutputArtifact("hello", "/tmp/hello_world.txt", key, ArtifactArchive.TAR_GZ)));

        assertThat(gen.outputArtifacts()).containsExactly(ArtifactOutcome.done("hello"));
        assertThat(TarGz.isGzip(Path.of(key))).isTrue();

        StepOutcome use = run("use", "cat /tmp/message",
                List.of(InputArtifact.at("message", "/tmp/message", key, Optional.empty())), List.of());
        assertThat(use.phase()).as(use.message()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(use.inputArtifacts()).containsExactly(ArtifactOutcome.done("message"));
        assertThat(use.result()).contains("hello");
        assertThat(workDir.resolve("use/root/tmp/message")).isRegularFile();
    }

    @Test
    void aDirectoryTravelsAsTarGzAndAsIsAndKeepsItsTree() throws Exception {
        URI packed = repo.resolve("wf/gen/dir.tgz").toUri();
        URI plain = repo.resolve("wf/gen/out").toUri();
        StepOutcome gen = run("gen", "mkdir -p /work/out/sub && echo a > /work/out/a.txt && echo b > /work/out/sub/b.txt",
                List.of(), List.of(new OutputArtifact("dir", "/work/out", packed, ArtifactArchive.TAR_GZ),
                        new OutputArtifact("plain", "/work/out", plain, ArtifactArchive.NONE)));

        assertThat(gen.phase()).as(gen.message()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(Path.of(plain).resolve("sub/b.txt")).content().isEqualTo("b\n");

        StepOutcome use = run("use", "cat /in/packed/a.txt /in/packed/sub/b.txt /in/plain/sub/b.txt",
                List.of(InputArtifact.at("dir", "/in/packed", packed, Optional.empty()),
                        InputArtifact.at("plain", "/in/plain", plain, Optional.of(ArtifactArchive.NONE))), List.of());
        assertThat(use.phase()).as(use.message()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(use.result()).contains("a\nb\nb");
    }

    @Test
    void rawDataIsWrittenWithTheRequestedMode() throws Exception {
        InputArtifact raw = new InputArtifact("script", "/bin-x/hello.sh", Optional.empty(),
                Optional.of("#!/bin/sh\necho from raw\n"), Optional.empty(), OptionalInt.of(0755), false, false);

        StepOutcome use = run("raw", "/bin-x/hello.sh", List.of(raw), List.of());

        assertThat(use.phase()).as(use.message()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(use.result()).contains("from raw");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir.resolve("raw/root/bin-x/hello.sh"))))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void aMissingOutputIsReportedNotFoundWhateverTheExitCode() throws Exception {
        StepOutcome gen = run("gen", "exit 2", List.of(),
                List.of(new OutputArtifact("none", "/tmp/never", repo.resolve("k").toUri(), ArtifactArchive.TAR_GZ)));

        assertThat(gen.phase()).isEqualTo(StepPhase.FAILED);
        assertThat(gen.outputArtifacts()).containsExactly(ArtifactOutcome.notFound("none"));
        assertThat(repo.resolve("k")).doesNotExist();
    }

    @Test
    void aMissingRequiredInputStopsTheStepBeforeItRunsButAnOptionalOneIsSkipped() throws Exception {
        InputArtifact optional = new InputArtifact("maybe", "/in/maybe", Optional.of(repo.resolve("absent1").toUri()),
                Optional.empty(), Optional.empty(), OptionalInt.empty(), false, true);
        InputArtifact required = InputArtifact.at("needed", "/in/needed", repo.resolve("absent2").toUri(), Optional.empty());

        StepOutcome skipped = run("opt", "test ! -e /in/maybe", List.of(optional), List.of());
        StepOutcome stopped = run("req", "touch /tmp/ran", List.of(optional, required), List.of());

        assertThat(skipped.phase()).as(skipped.message()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(stopped.phase()).isEqualTo(StepPhase.ERROR);
        assertThat(stopped.inputArtifacts()).containsExactly(ArtifactOutcome.notFound("maybe"),
                ArtifactOutcome.notFound("needed"));
        assertThat(workDir.resolve("req/root/tmp/ran")).doesNotExist();
    }

    @Test
    void anImageDirectoryTheStepDidNotWriteIsTakenFromTheHost() throws Exception {
        URI etc = repo.resolve("etc").toUri();

        StepOutcome gen = run("etc", "true", List.of(),
                List.of(new OutputArtifact("etc", "/etc/hostname", etc, ArtifactArchive.NONE)));

        assertThat(gen.outputArtifacts()).containsExactly(Files.exists(Path.of("/etc/hostname"))
                ? ArtifactOutcome.done("etc") : ArtifactOutcome.notFound("etc"));
    }

    @Test
    void anotherRunsFileInTmpIsNotTakenForAMissingOutput() throws Exception {
        Path stale = Files.createTempFile("skiff-stale-", ".txt");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(0));
        try {
            StepOutcome gen = run("stale", "true", List.of(),
                    List.of(new OutputArtifact("stale", stale.toString(), repo.resolve("s").toUri(), ArtifactArchive.NONE)));

            assertThat(gen.outputArtifacts()).containsExactly(ArtifactOutcome.notFound("stale"));
        } finally {
            Files.deleteIfExists(stale);
        }
    }

    @Test
    void aLocationOfAStoreNoPluginServesFailsWithTheReason() throws Exception {
        StepOutcome gen = run("s3", "echo x > /tmp/x", List.of(),
                List.of(new OutputArtifact("x", "/tmp/x", URI.create("s3://bucket/key"), ArtifactArchive.TAR_GZ)));

        assertThat(gen.outputArtifacts()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ArtifactOutcome.Status.FAILED);
            assertThat(o.detail()).contains("no s3: artifact store", "artifacts-s3 plugin");
        });
    }

    @Test
    void anInputPathClimbingAboveTheRootStaysInTheSandboxAsInAContainer() throws Exception {
        InputArtifact escape = InputArtifact.of("escape", "../../escaped.txt", "boo");

        StepOutcome step = run("esc", "cat escaped.txt", List.of(escape), List.of());

        assertThat(step.phase()).as(step.message()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(workDir.resolve("esc/root/escaped.txt")).content().isEqualTo("boo");
        assertThat(workDir.resolve("escaped.txt")).doesNotExist();
        assertThat(workDir.getParent().resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void anInputPlacedThroughALinkAnEarlierArtifactMadeIsRefusedAndNothingIsWrittenOutside() throws Exception {
        Path outside = Files.createDirectories(repo.resolve("outside"));
        Path tree = Files.createDirectories(repo.resolve("tree/src"));
        Files.createSymbolicLink(tree.resolve("link"), outside);
        URI packed = repo.resolve("src.tgz").toUri();
        TarGz.pack(tree, Path.of(packed));
        InputArtifact withLink = InputArtifact.at("src", "/src", packed, Optional.empty());
        InputArtifact through = InputArtifact.of("through", "/src/link/planted.txt", "boo");

        StepOutcome step = run("via-link", "true", List.of(withLink, through), List.of());

        assertThat(step.phase()).isEqualTo(StepPhase.ERROR);
        assertThat(step.inputArtifacts()).last().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ArtifactOutcome.Status.FAILED);
            assertThat(o.detail()).contains("leads out of the step's sandbox");
        });
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void anArtifactKeyThisRunDidNotStoreIsNeverOverwritten() throws Exception {
        Path earlier = Files.writeString(Files.createDirectories(repo.resolve("wf/gen")).resolve("out.txt"), "earlier run");
        OutputArtifact output = new OutputArtifact("out", "/tmp/out.txt", earlier.toUri(), ArtifactArchive.NONE);

        StepOutcome first = run("first", "echo first > /tmp/out.txt", List.of(), List.of(output));

        assertThat(first.outputArtifacts()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ArtifactOutcome.Status.FAILED);
            assertThat(o.detail()).contains("already exists", "never overwrites");
        });
        assertThat(earlier).content().isEqualTo("earlier run");
    }

    @Test
    void anArtifactKeyThisRunStoredMayBeStoredAgain() throws Exception {
        URI key = repo.resolve("wf/same/out.txt").toUri();
        OutputArtifact output = new OutputArtifact("out", "/tmp/out.txt", key, ArtifactArchive.NONE);

        run("one", "echo one > /tmp/out.txt", List.of(), List.of(output));
        StepOutcome two = run("two", "echo two > /tmp/out.txt", List.of(), List.of(output));

        assertThat(two.outputArtifacts()).containsExactly(ArtifactOutcome.done("out"));
        assertThat(Path.of(key)).content().isEqualTo("two\n");
    }

    @Test
    void anInputIsNeverPlacedOverAFileInAVolume() throws Exception {
        Path host = Files.createDirectories(repo.resolve("host"));
        Path mine = Files.writeString(host.resolve("config.txt"), "mine");
        Map<String, Object> podSpec = Map.of(
                "container", Map.of("volumeMounts", List.of(Map.of("name", "data", "mountPath", "/data"))),
                "volumes", List.of(Map.of("name", "data", "hostPath", Map.of("path", host.toString()))));
        TestingListener listener = new TestingListener();
        StepCommand command = new StepCommand("alpine:3.20", List.of("true"), List.of(), Map.of(), Optional.empty(),
                Optional.empty());

        executor.start(new StepRequest(new StepRef("vol", StepTarget.LOCAL), "wf", "", "wf-vol", "wf.vol", "vol",
                command, List.of(), Optional.empty(), Map.of(), Map.of(), podSpec,
                List.of(InputArtifact.of("config", "/data/config.txt", "theirs")), List.of()), listener);
        StepOutcome step = listener.awaitDone();

        assertThat(step.phase()).isEqualTo(StepPhase.ERROR);
        assertThat(step.inputArtifacts()).singleElement().satisfies(o ->
                assertThat(o.detail()).contains("already exists in a volume"));
        assertThat(mine).content().isEqualTo("mine");
    }

    private StepOutcome run(String id, String shell, List<InputArtifact> inputs, List<OutputArtifact> outputs)
            throws InterruptedException {
        TestingListener listener = new TestingListener();
        StepCommand command = new StepCommand("alpine:3.20", List.of("sh", "-c"), List.of(shell), Map.of(),
                Optional.empty(), Optional.empty());
        executor.start(new StepRequest(new StepRef(id, StepTarget.LOCAL), "wf", "", "wf-" + id, "wf." + id, id,
                command, List.of(), Optional.empty(), Map.of(), Map.of(), Map.of(), inputs, outputs), listener);
        return listener.awaitDone();
    }
}
