# One image recipe for each Mayfly service: docker build --build-arg SERVICE=issuer-service --build-arg MAIN=dev.mayfly.issuer.IssuerMain .
# docker-compose.yml builds all three. Production images never contain the embedded infrastructure.
FROM eclipse-temurin:21-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl ${SERVICE} -am package \
 && ./mvnw -B -q -pl ${SERVICE} dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp ${SERVICE}/target/${SERVICE}-*.jar /app/lib/

FROM eclipse-temurin:21-jre
ARG MAIN
ENV MAIN_CLASS=${MAIN}
RUN useradd --system --home /var/lib/mayfly mayfly && mkdir -p /var/lib/mayfly && chown mayfly /var/lib/mayfly
COPY --from=build /app/lib /app/lib
USER mayfly
ENV MAYFLY_HOME=/var/lib/mayfly
ENTRYPOINT ["sh", "-c", "exec java -XX:+UseContainerSupport -XX:MaxRAMPercentage=75 -cp '/app/lib/*' \"$MAIN_CLASS\""]
