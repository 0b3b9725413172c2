# Mayfly's image for machines that reach a registry: the three services and the operator's commands in one image, the
# command choosing which runs (issuer, audit, revocation, init NAME, account ..., see dev.mayfly.image.ImageMain), as
# the image Jib builds without a registry (./mvnw -Pcontainers -pl mayfly-image -am package; docker/build-base-images.sh
# first), which is the reproducible one. docker-compose.yml builds this when asked to (up --build).
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
# one Maven call, so that each module's dependencies on its siblings resolve to the jars this reactor has just packaged
RUN ./mvnw -B -q -DskipTests -pl mayfly-image -am package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/libs \
 && cp mayfly-image/target/mayfly-image-*.jar /app/libs/

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/mayfly mayfly \
 && mkdir -p /var/lib/mayfly /var/lib/mayfly-audit /var/lib/mayfly-revocation \
 && chown mayfly:mayfly /var/lib/mayfly /var/lib/mayfly-audit /var/lib/mayfly-revocation
COPY --from=build /app/libs /app/libs
USER mayfly
WORKDIR /var/lib/mayfly
ENV MAYFLY_HOME=/var/lib/mayfly
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-cp", "/app/libs/*", "dev.mayfly.image.ImageMain"]
CMD ["issuer"]
