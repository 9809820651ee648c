package io.ameide.coderguard.templatesync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.templatesync.kubernetes.CoderTemplate;
import io.ameide.coderguard.templatesync.kubernetes.CoderTemplateStatus;

class TemplateViewTest {

    @Test
    void anObjectWithoutASpecIsListedWithItsStatusNotA500ForTheWholeList() {
        CoderTemplate empty = new CoderTemplate();
        empty.getMetadata().setNamespace("coder");
        empty.getMetadata().setName("empty");
        empty.setSpec(null);
        empty.setStatus(new CoderTemplateStatus());

        List<TemplateView> views = TemplateView.of(List.of(empty));

        assertThat(views).singleElement().satisfies(view -> {
            assertThat(view.name()).isEqualTo("empty");
            assertThat(view.templateName()).isNull();
            assertThat(view.status()).isSameAs(empty.getStatus());
        });
    }
}
