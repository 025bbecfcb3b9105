package io.botfactory.deliveries;

import io.vertx.core.buffer.Buffer;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A delivery this worker holds: its event (the {@code webhook-id}) and body, the attempts made so
 * far, and its endpoint's URL, status and signing secrets (unsealed; {@code previousSecret} null
 * unless a rotation's old secret still signs).
 */
record Claimed(UUID id, UUID eventId, UUID endpointId, int attempts, OffsetDateTime createdAt, Buffer body, String url,
               boolean enabled, String secret, String previousSecret) {

  @Override
  public String toString() {
    return "Claimed[" + id + " to endpoint " + endpointId + ", attempt " + (attempts + 1) + "]";
  }
}
