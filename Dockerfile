# The simulator as a container image: the runnable jar on a JRE 21.
# Not built or run in this repository's CI (no Docker on its machines); kept small so that it stays correct.
#
#   ./mvnw -B -pl modbus-simulator -am package -DskipTests      # makes modbus-simulator/target/modbus-simulator.jar
#   docker build -t modbus-simulator .
#   docker run --rm -p 5020:5020 modbus-simulator                                  # the energy-meter example
#   docker run --rm -p 5020:5020 -v "$PWD/my-device.yaml:/config/device.yaml:ro" modbus-simulator --profile /config/device.yaml
FROM eclipse-temurin:21-jre
WORKDIR /app
COPY modbus-simulator/target/modbus-simulator.jar /app/modbus-simulator.jar
COPY modbus-simulator/examples /app/examples
# Port 5020 needs no privileges: run as nobody.
USER 65534:65534
EXPOSE 5020
# --bind 0.0.0.0 only here: outside a container the simulator listens on loopback by default.
# The Integer cache as bin/modbus-simulator sets it: no garbage per ready connection from the JDK's epoll selector.
ENTRYPOINT ["java", "-Djava.lang.Integer.IntegerCache.high=65535", "-jar", "/app/modbus-simulator.jar", "--bind", "0.0.0.0"]
CMD ["--profile", "/app/examples/energy-meter.yaml"]
