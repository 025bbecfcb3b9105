# syntax=docker/dockerfile:1
# Build stage: the shaded jar, with Maven's downloads cached between builds.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline
COPY conf conf
COPY src src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

# Run stage: a JRE, a non-root user, configuration from the environment only.
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
    BOTFACTORY_DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${BOTFACTORY_HTTP_PORT}/health/live" > /dev/null || exit 1
# exec form: java is PID 1 and receives SIGTERM, which stops the node gracefully.
ENTRYPOINT ["java", "-jar", "/app/botfactory.jar"]
