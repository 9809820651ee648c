package io.ameide.coderguard.templatesync.decision;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Packs template files into a deterministic POSIX ustar archive: entries sorted by path, mode 0644, owner and group 0
 * with empty names, modification time 0. The same files always give the same bytes, so the same content hash, and
 * Coder's upload deduplication (by sha256) answers 200 with the file it already has.
 * <p>
 * Files are chosen as {@code coder templates push} chooses them: hidden files and folders are left out except
 * {@code .terraform.lock.hcl}, and so are Terraform state files and tfvars files, which the CLI turns into variables
 * rather than uploading. Paths use {@code /} and sit relative to the archive root, where {@code main.tf} belongs.
 */
public final class TarPack {

    private static final int BLOCK = 512;
    private static final int MAX_NAME = 100;
    private static final String LOCK_FILE = ".terraform.lock.hcl";

    private TarPack() {
    }

    /** The archive and its content hash. */
    public record Packed(byte[] tar, String contentHash, List<String> paths, List<String> skipped) {
    }

    /**
     * @throws IllegalArgumentException for a path that is absolute, climbs out with {@code ..}, or is longer than a
     *     ustar name holds (100 bytes)
     */
    public static Packed pack(Map<String, byte[]> files) {
        SortedMap<String, byte[]> kept = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String path = normalise(file.getKey());
            if (isLeftOut(path)) {
                skipped.add(path);
            } else {
                kept.put(path, file.getValue());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        kept.forEach((path, content) -> writeEntry(out, path, content));
        out.writeBytes(new byte[2 * BLOCK]);
        byte[] tar = out.toByteArray();
        skipped.sort(null);
        return new Packed(tar, ContentHash.of(tar), List.copyOf(kept.keySet()), List.copyOf(skipped));
    }

    static boolean isLeftOut(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        for (String segment : path.split("/")) {
            if (segment.startsWith(".") && !path.equals(LOCK_FILE)) {
                return true;
            }
        }
        return name.contains(".tfstate") || name.equals("terraform.tfvars") || name.equals("terraform.tfvars.json")
                || name.endsWith(".auto.tfvars") || name.endsWith(".auto.tfvars.json");
    }

    private static String normalise(String path) {
        String unix = path.replace('\\', '/');
        if (unix.isEmpty() || unix.startsWith("/") || List.of(unix.split("/")).contains("..")) {
            throw new IllegalArgumentException("template file path \"" + path + "\" must be relative and stay inside");
        }
        if (unix.getBytes(StandardCharsets.UTF_8).length > MAX_NAME) {
            throw new IllegalArgumentException("template file path \"" + path + "\" is longer than 100 bytes");
        }
        return unix;
    }

    private static void writeEntry(ByteArrayOutputStream out, String path, byte[] content) {
        byte[] header = new byte[BLOCK];
        put(header, 0, path.getBytes(StandardCharsets.UTF_8));
        putOctal(header, 100, 8, 0644);
        putOctal(header, 108, 8, 0);
        putOctal(header, 116, 8, 0);
        putOctal(header, 124, 12, content.length);
        putOctal(header, 136, 12, 0);
        header[156] = '0';
        put(header, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, "00".getBytes(StandardCharsets.US_ASCII));
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        putOctal(header, 148, 7, sum);
        header[155] = ' ';
        out.writeBytes(header);
        out.writeBytes(content);
        int padding = (BLOCK - content.length % BLOCK) % BLOCK;
        out.writeBytes(new byte[padding]);
    }

    private static void put(byte[] header, int offset, byte[] value) {
        System.arraycopy(value, 0, header, offset, value.length);
    }

    /** A zero-padded octal number ending in NUL, as ustar numeric fields are written. */
    private static void putOctal(byte[] header, int offset, int length, long value) {
        String octal = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - octal.length())) + octal;
        put(header, offset, padded.getBytes(StandardCharsets.US_ASCII));
        header[offset + length - 1] = 0;
    }
}
