package io.ameide.coderguard.templatesync.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class TarPackTest {

    @Test
    void theSameFilesGiveTheSameBytesWhateverTheirOrder() {
        Map<String, byte[]> one = new LinkedHashMap<>();
        one.put("main.tf", bytes("resource \"coder_agent\" \"main\" {}"));
        one.put("modules/a.tf", bytes("# a"));
        Map<String, byte[]> other = new TreeMap<>((a, b) -> b.compareTo(a));
        other.putAll(one);

        TarPack.Packed first = TarPack.pack(one);
        TarPack.Packed second = TarPack.pack(other);

        assertThat(first.tar()).isEqualTo(second.tar());
        assertThat(first.contentHash()).isEqualTo(second.contentHash()).startsWith("sha256:").hasSize(71);
        assertThat(first.paths()).containsExactly("main.tf", "modules/a.tf");
    }

    @Test
    void differentContentGivesADifferentHash() {
        assertThat(TarPack.pack(Map.of("main.tf", bytes("a"))).contentHash())
                .isNotEqualTo(TarPack.pack(Map.of("main.tf", bytes("b"))).contentHash());
    }

    @Test
    void variableValuesAreHashedWithTheFilesAndLeaveTheFilesHashAloneWhenThereAreNone() {
        TarPack.Packed packed = TarPack.pack(Map.of("main.tf", bytes("a")));

        String none = ContentHash.of(packed, Map.of());
        String one = ContentHash.of(packed, Map.of("image", "x@sha256:1"));
        String other = ContentHash.of(packed, Map.of("image", "x@sha256:2"));
        // A value that reads like a second variable does not hash like two variables.
        String joined = ContentHash.of(packed, Map.of("a", "1b=2"));
        String split = ContentHash.of(packed, Map.of("a", "1", "b", "2"));

        assertThat(none).isEqualTo(packed.contentHash());
        assertThat(one).isNotEqualTo(none).isNotEqualTo(other).startsWith("sha256:");
        assertThat(joined).isNotEqualTo(split);
    }

    @Test
    void writesUstarEntriesWithFixedOwnerTimeAndMode() {
        byte[] tar = TarPack.pack(Map.of("main.tf", bytes("hello"))).tar();

        assertThat(new String(tar, 0, 7, StandardCharsets.US_ASCII)).isEqualTo("main.tf");
        assertThat(new String(tar, 100, 7, StandardCharsets.US_ASCII)).isEqualTo("0000644");
        assertThat(new String(tar, 108, 7, StandardCharsets.US_ASCII)).isEqualTo("0000000");
        assertThat(new String(tar, 124, 11, StandardCharsets.US_ASCII)).isEqualTo("00000000005");
        assertThat(new String(tar, 136, 11, StandardCharsets.US_ASCII)).isEqualTo("00000000000");
        assertThat(new String(tar, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
        assertThat(new String(tar, 512, 5, StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(tar).hasSize(512 + 512 + 1024);
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : tar[i] & 0xff;
        }
        assertThat(Long.parseLong(new String(tar, 148, 6, StandardCharsets.US_ASCII), 8)).isEqualTo(sum);
    }

    @Test
    void leavesOutWhatCodersCliLeavesOut() {
        Map<String, byte[]> files = Map.of("main.tf", bytes("x"), ".terraform.lock.hcl", bytes("l"),
                ".git/config", bytes("g"), "terraform.tfvars", bytes("v"), "prod.auto.tfvars", bytes("v"),
                "terraform.tfstate", bytes("s"));

        TarPack.Packed packed = TarPack.pack(files);

        assertThat(packed.paths()).containsExactly(".terraform.lock.hcl", "main.tf");
        assertThat(packed.skipped()).containsExactly(".git/config", "prod.auto.tfvars", "terraform.tfstate",
                "terraform.tfvars");
    }

    @Test
    void refusesAPathThatClimbsOutOfTheTemplate() {
        assertThatThrownBy(() -> TarPack.pack(Map.of("../main.tf", bytes("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../main.tf");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
