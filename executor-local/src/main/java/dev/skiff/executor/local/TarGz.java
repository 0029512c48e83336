package dev.skiff.executor.local;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip-compressed tar archives as Argo's executor writes them for an artifact: one file, or one directory
 * with everything below it, under its base name. Writes POSIX ustar (with a PAX header for long names);
 * reads ustar, PAX and GNU long names. Regular files, directories and symbolic links only.
 */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {
    }

    /** Whether the file starts with gzip's magic bytes. */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** Packs {@code source} (a file or directory) into {@code archive} under the source's base name. */
    static void pack(Path source, Path archive) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            String base = source.getFileName() == null ? "root" : source.getFileName().toString();
            List<Path> entries;
            try (Stream<Path> walk = Files.walk(source)) {
                entries = walk.sorted().toList();
            }
            for (Path entry : entries) {
                String name = base + (entry.equals(source) ? "" : "/" + source.relativize(entry).toString()
                        .replace('\\', '/'));
                writeEntry(out, entry, name);
            }
            out.write(new byte[2 * BLOCK]);
        }
    }

    private static void writeEntry(OutputStream out, Path entry, String name) throws IOException {
        int mode = mode(entry);
        long mtime = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toMillis() / 1000;
        if (Files.isSymbolicLink(entry)) {
            header(out, name, mode, 0, mtime, '2', Files.readSymbolicLink(entry).toString());
        } else if (Files.isDirectory(entry)) {
            header(out, name + "/", mode, 0, mtime, '5', "");
        } else {
            long size = Files.size(entry);
            header(out, name, mode, size, mtime, '0', "");
            try (InputStream in = Files.newInputStream(entry)) {
                long copied = in.transferTo(out);
                if (copied != size) {
                    throw new IOException(entry + " changed while it was archived");
                }
            }
            pad(out, size);
        }
    }

    private static void header(OutputStream out, String name, int mode, long size, long mtime, char type,
                               String link) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100 || linkBytes.length > 100) {
            StringBuilder pax = new StringBuilder();
            pax.append(paxRecord("path", name));
            if (!link.isEmpty()) {
                pax.append(paxRecord("linkpath", link));
            }
            byte[] body = pax.toString().getBytes(StandardCharsets.UTF_8);
            out.write(block("PaxHeader", 0644, body.length, mtime, 'x', ""));
            out.write(body);
            pad(out, body.length);
        }
        out.write(block(name, mode, size, mtime, type, link));
    }

    private static String paxRecord(String key, String value) {
        String rest = " " + key + "=" + value + "\n";
        int restLength = rest.getBytes(StandardCharsets.UTF_8).length;
        int length = restLength + 1;
        while (length != restLength + String.valueOf(length).length()) {
            length = restLength + String.valueOf(length).length();
        }
        return length + rest;
    }

    private static byte[] block(String name, int mode, long size, long mtime, char type, String link) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        h[262] = 0;
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    private static void put(byte[] h, int at, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, h, at, Math.min(length, bytes.length));
    }

    private static void octal(byte[] h, int at, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        put(h, at, length - 1, padded);
    }

    private static void pad(OutputStream out, long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    private static int mode(Path entry) throws IOException {
        if (Files.isSymbolicLink(entry)) {
            return 0777;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(entry);
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    /**
     * Unpacks {@code archive} into the empty or absent directory {@code into}; returns the top-level names,
     * in order of appearance. Entries that would land outside {@code into} fail the whole unpacking.
     */
    static List<String> unpack(Path archive, Path into) throws IOException {
        Files.createDirectories(into);
        List<String> top = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            String longName = null;
            String longLink = null;
            byte[] h = new byte[BLOCK];
            while (true) {
                if (!readFully(in, h)) {
                    break;
                }
                if (isZero(h)) {
                    break;
                }
                char type = (char) h[156];
                long size = parseOctal(h, 124, 12);
                if (type == 'x' || type == 'L' || type == 'K' || type == 'g') {
                    byte[] body = readBody(in, size);
                    if (type == 'L') {
                        longName = cString(body);
                    } else if (type == 'K') {
                        longLink = cString(body);
                    } else if (type == 'x') {
                        for (String[] kv : paxRecords(body)) {
                            if (kv[0].equals("path")) {
                                longName = kv[1];
                            } else if (kv[0].equals("linkpath")) {
                                longLink = kv[1];
                            }
                        }
                    }
                    continue;
                }
                String name = longName != null ? longName : headerName(h);
                String link = longLink != null ? longLink : cString(h, 157, 100);
                longName = null;
                longLink = null;
                int mode = (int) parseOctal(h, 100, 8);
                Path target = into.resolve(name).normalize();
                if (!target.startsWith(into) || target.equals(into) && type != '5') {
                    throw new IOException("archive entry '" + name + "' leaves the directory it is unpacked into");
                }
                requireNoLinkBetween(into, target, name);
                String first = into.relativize(target).toString().split("/")[0];
                if (!first.isEmpty() && !top.contains(first)) {
                    top.add(first);
                }
                switch (type) {
                    case '5' -> Files.createDirectories(target);
                    case '2' -> {
                        Files.createDirectories(target.getParent());
                        replaceable(target);
                        Files.createSymbolicLink(target, Path.of(link));
                    }
                    case '0', '\0', '7' -> {
                        Files.createDirectories(target.getParent());
                        replaceable(target);
                        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE)) {
                            copy(in, out, size);
                        }
                        skip(in, (BLOCK - size % BLOCK) % BLOCK);
                        Files.setPosixFilePermissions(target, permissions(mode));
                        continue;
                    }
                    default -> { }
                }
                skip(in, (size + BLOCK - 1) / BLOCK * BLOCK);
            }
        }
        return top;
    }

    /**
     * Refuses an entry whose path passes through a symbolic link that an earlier entry made ({@code a -> /home},
     * then {@code a/.bashrc}): it would write outside the directory.
     */
    private static void requireNoLinkBetween(Path into, Path target, String name) throws IOException {
        Path at = into;
        Path parent = target.getParent();
        if (parent == null || !parent.startsWith(into)) {
            return;
        }
        for (Path part : into.relativize(parent)) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                throw new IOException("archive entry '" + name + "' goes through the symbolic link " + into.relativize(at));
            }
        }
    }

    /** A later entry of the same name replaces an earlier file or link (never what a link points to). */
    private static void replaceable(Path target) throws IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(target);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                perms.add(p);
            }
        }
        return perms;
    }

    private static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = cString(h, 257, 6).startsWith("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static List<String[]> paxRecords(byte[] body) {
        List<String[]> out = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            int eq = line.indexOf('=');
            if (space > 0 && eq > space) {
                out.add(new String[] {line.substring(space + 1, eq), line.substring(eq + 1)});
            }
        }
        return out;
    }

    private static byte[] readBody(InputStream in, long size) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        copy(in, body, size);
        skip(in, (BLOCK - size % BLOCK) % BLOCK);
        return body.toByteArray();
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[8192];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("archive ends inside an entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long count) throws IOException {
        copy(in, OutputStream.nullOutputStream(), count);
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, block.length);
        if (read == 0) {
            return false;
        }
        if (read < block.length) {
            throw new EOFException("archive ends inside a header");
        }
        return true;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long parseOctal(byte[] h, int at, int length) throws IOException {
        String text = cString(h, at, length).trim();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive (bad header field '" + text + "')");
        }
    }

    private static String cString(byte[] bytes) {
        return cString(bytes, 0, bytes.length);
    }

    private static String cString(byte[] h, int at, int length) {
        int end = at;
        while (end < at + length && h[end] != 0) {
            end++;
        }
        return new String(h, at, end - at, StandardCharsets.UTF_8);
    }
}
