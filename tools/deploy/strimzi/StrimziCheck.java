// Reads Strimzi resources (one JSON object a line on stdin) with Strimzi's own API model, the
// classes its operator reads them with, and prints one line per problem: a field of the wrong type,
// a value outside an enum (a listener or storage type...), a kind or version the model does not
// have, or a property the model does not know. The model keeps unknown properties instead of
// failing (the operator only warns about them), so they are collected from the object graph.
// Run as a single-file program: java -cp <classpath.sh's output> StrimziCheck.java
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strimzi.api.kafka.model.common.UnknownPropertyPreserving;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.stream.Collectors;

public class StrimziCheck {
    private static final String API_VERSION = "kafka.strimzi.io/v1beta2";
    private static final Map<String, Class<?>> KINDS = Map.of(
            "Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class,
            "KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class,
            "KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class);

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) continue;
            JsonNode node = mapper.readTree(line);
            String kind = node.path("kind").asText();
            String where = kind + "/" + node.path("metadata").path("name").asText();
            Class<?> type = KINDS.get(kind);
            if (type == null || !API_VERSION.equals(node.path("apiVersion").asText())) {
                System.out.println(where + ": Strimzi's model has no " + node.path("apiVersion").asText() + " " + kind + " (checked: " + API_VERSION + " " + KINDS.keySet() + ")");
                continue;
            }
            try {
                walk(mapper.treeToValue(node, type), "", where, new IdentityHashMap<>());
            } catch (JsonMappingException error) {
                String path = error.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                        .collect(Collectors.joining("."));
                System.out.println(where + " " + path + ": " + error.getOriginalMessage().split("\n")[0]);
            } catch (JsonProcessingException error) {
                System.out.println(where + ": " + error.getOriginalMessage());
            }
        }
    }

    private static void walk(Object value, String path, String where, Map<Object, Boolean> seen) throws Exception {
        if (value == null || seen.put(value, Boolean.TRUE) != null) return;
        if (value instanceof UnknownPropertyPreserving preserving && preserving.getAdditionalProperties() != null) {
            for (String key : preserving.getAdditionalProperties().keySet()) {
                System.out.println(where + " " + (path.isEmpty() ? "" : path.substring(1) + ".") + key + ": unknown property");
            }
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) walk(item, path + "." + index++, where, seen);
            return;
        }
        if (!value.getClass().getName().startsWith("io.strimzi.")) return;
        for (Method getter : value.getClass().getMethods()) {
            String name = getter.getName();
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || name.equals("getClass") || name.equals("getAdditionalProperties")) continue;
            if (!name.startsWith("get") || name.length() == 3) continue;
            // Metadata and status are the API server's and the operator's; spec is what is checked.
            if (name.equals("getMetadata") || name.equals("getStatus")) continue;
            walk(getter.invoke(value), path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), where, seen);
        }
    }
}
