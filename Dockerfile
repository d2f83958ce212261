# syntax=docker/dockerfile:1
# linkscope as a container: built with Maven on a JDK, run on a JRE as an unprivileged user.
#   docker build -t linkscope .
#   docker run --rm -p 8080:8080 -v linkscope-data:/data linkscope            # serve, embedded Neo4j in /data
#   docker compose up                                                          # with a Neo4j server (compose.yaml)
# Not built on the machine this was written on (no Docker engine there); see README "Packaging".

# JDK and JRE 25 (Neo4j 2026.x needs 21 or later; --sun-misc-unsafe-memory-access below needs 24 or later).
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml ./
COPY graph-schema ./graph-schema
COPY src/main ./src/main
# The cache mount keeps the downloaded dependencies between builds (dependency:go-offline cannot stand in: it also
# wants optional artifacts of Vert.x's Micrometer module that Maven Central does not serve).
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q -Dmaven.test.skip=true package

FROM eclipse-temurin:25-jre
# a fixed uid/gid, so a bind-mounted data directory can be given to it on the host
RUN groupadd --system --gid 10001 linkscope \
 && useradd --system --uid 10001 --gid linkscope --home-dir /data --no-create-home --shell /usr/sbin/nologin linkscope \
 && install -d -o linkscope -g linkscope -m 0700 /data
WORKDIR /opt/linkscope
COPY --from=build /src/target/lib ./lib
COPY --from=build /src/target/linkscope.jar ./linkscope.jar
# `demo` imports fixtures/demo-portfolio.json
COPY fixtures/demo-portfolio.json ./fixtures/

# Inside a container the port must be reachable from outside it; the data directory holds the embedded database
# (when NEO4J_URI is not set), its password and the development identifier key.
ENV LINKSCOPE_HOST=0.0.0.0 \
    LINKSCOPE_PORT=8080 \
    LINKSCOPE_DATA=/data
VOLUME /data
EXPOSE 8080
USER linkscope:linkscope

# The image has neither curl nor wget: bash's /dev/tcp asks the unauthenticated /health (200 up, 503 database down).
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${LINKSCOPE_PORT:-8080} && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# The launcher's JVM options (Neo4j's off-heap and native access), with the heap sized from the container's memory
# limit instead of a fixed -Xmx; JAVA_TOOL_OPTIONS adds or overrides (for example -XX:MaxRAMPercentage=60).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseG1GC", "-XX:+EnableDynamicAgentLoading", \
  "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED", \
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", \
  "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", \
  "-Dlinkscope.repo=/opt/linkscope", "-jar", "/opt/linkscope/linkscope.jar"]
CMD ["serve"]
