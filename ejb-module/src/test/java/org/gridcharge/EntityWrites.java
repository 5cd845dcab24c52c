package org.gridcharge;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which calls change an entity: a method changes it when it sets one of the entity's fields, itself or through another
 * method of the entity it calls. Shared by the house rules of the EJB module and of the web module (its test jar).
 */
public final class EntityWrites {

    private final Map<JavaMethod, Boolean> known = new HashMap<>();

    /** Whether the call is to a method of an entity that changes it. */
    public boolean changesAnEntity(JavaAccess<?> call) {
        return call.getTargetOwner().isAnnotatedWith("jakarta.persistence.Entity") && call.getTarget() instanceof
                com.tngtech.archunit.core.domain.AccessTarget.MethodCallTarget target
                && target.resolveMember().map(m -> writes(m, new HashSet<>())).orElse(false);
    }

    private boolean writes(JavaMethod method, Set<JavaMethod> visiting) {
        Boolean answer = known.get(method);
        if (answer != null) {
            return answer;
        }
        if (!visiting.add(method)) {
            return false;
        }
        boolean sets = method.getFieldAccesses().stream().anyMatch(a -> a.getAccessType() == JavaFieldAccess.AccessType.SET
                && a.getTargetOwner().equals(method.getOwner()))
                || method.getMethodCallsFromSelf().stream().filter(c -> c.getTargetOwner().equals(method.getOwner()))
                .anyMatch(c -> c.getTarget().resolveMember().map(m -> writes(m, visiting)).orElse(false));
        known.put(method, sets);
        return sets;
    }
}
