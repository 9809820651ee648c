package io.ameide.coderguard.common.coder.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Coder's {@code codersdk.MatchedProvisioners}: how many provisioners could take a job. A count of 0 means the job will
 * sit in {@code pending} until one with matching tags appears.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MatchedProvisioners(int count, int available) {
}
