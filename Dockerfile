# syntax=docker/dockerfile:1
# Build stage: the shaded jar, with Maven's downloads cached between builds. Profile "image" keeps
# only the embedded PostgreSQL (dev mode) of the architecture being built for: TARGETARCH, which
# BuildKit and buildah set (amd64 when unset).
FROM maven:3.9-eclipse-temurin-17 AS build
ARG TARGETARCH
WORKDIR /src
COPY pom.xml .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -Pimage dependency:go-offline
COPY conf conf
COPY src src
RUN --mount=type=cache,target=/root/.m2 case "$TARGETARCH" in arm64) arch=arm_64 ;; *) arch=x86_64 ;; esac \
 && mvn -B -q -Pimage -Dimage.postgres.arch="$arch" -DskipTests package

# Run stage: a JRE, a non-root user, configuration from the environment only.
# Clustered (docs/deploy.md): BOTFACTORY_CLUSTER=true, BOTFACTORY_ROLES, BOTFACTORY_CLUSTER_MEMBERS
# (or BOTFACTORY_CLUSTER_DNS), DATABASE_URL and the secrets, and the event bus's certificates:
# BOTFACTORY_CLUSTER_TLS_CA, _CERT and _KEY, as file paths (mounted secrets) or as the PEM text.
# BOTFACTORY_CLUSTER_HOST may stay empty: Hazelcast and the event bus then bind and advertise the
# container's own address.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 botfactory \
 && useradd --system --uid 10001 --gid botfactory --home-dir /app --shell /usr/sbin/nologin botfactory \
 && mkdir -p /app/data && chown botfactory:botfactory /app/data
WORKDIR /app
COPY --from=build /src/target/botfactory.jar /app/botfactory.jar
COPY conf /app/conf
USER 10001:10001
ENV BOTFACTORY_HTTP_HOST=0.0.0.0 \
    BOTFACTORY_HTTP_PORT=8080 \
    BOTFACTORY_CLUSTER_PORT=5701 \
    BOTFACTORY_EVENTBUS_PORT=5801 \
    BOTFACTORY_DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/app/data"]
# 8080 HTTP API; 5701 Hazelcast and 5801 event bus, for the other nodes of a cluster only.
EXPOSE 8080 5701 5801
# A node with the http role is healthy when GET /health/live answers. A node without it opens no
# HTTP port; it is healthy when it listens on its event-bus port (clustered). That socket is bound
# to the cluster host, whichever address that is (never 127.0.0.1 in a real cluster), so the check
# reads the kernel's table of listening sockets (state 0A) for the port instead of connecting.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD case ",$(echo "${BOTFACTORY_ROLES:-all}" | tr -d ' ' | tr 'A-Z' 'a-z')," in \
        *,all,*|*,http,*) curl -fsS "http://127.0.0.1:${BOTFACTORY_HTTP_PORT}/health/live" > /dev/null ;; \
        *) grep -Eqs "^ *[0-9]+: [0-9A-F]+:$(printf '%04X' "${BOTFACTORY_EVENTBUS_PORT}") [0-9A-F]+:[0-9A-F]{4} 0A " \
             /proc/net/tcp /proc/net/tcp6 ;; \
      esac || exit 1
# exec form: java is PID 1 and receives SIGTERM, which stops the node gracefully: HTTP stops
# accepting and finishes its requests, services answer theirs and close their pools, then the node
# leaves the cluster. Give it time: docker stop -t 45 / compose stop_grace_period / Kubernetes
# terminationGracePeriodSeconds.
ENTRYPOINT ["java", "-jar", "/app/botfactory.jar"]
