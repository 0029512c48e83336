package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlignedColumnsTest {

    @Test
    void everyColumnButTheLastIsPaddedToItsWidestCellPlusTwoSpaces() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        AlignedColumns.print(out, new String[] {"NAME", "AUTH", "STATUS"}, List.of(
                new String[] {"spoke-number-one", "eks", "OK"},
                new String[] {"hub", "kubeconfig", "ERROR: a long message stays as it is"}));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "NAME              AUTH        STATUS",
                "spoke-number-one  eks         OK",
                "hub               kubeconfig  ERROR: a long message stays as it is");
    }
}
