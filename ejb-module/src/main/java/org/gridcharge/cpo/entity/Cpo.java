package org.gridcharge.cpo.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.gridcharge.platform.input.Identifiers;

/** A charge point operator: the tenant that owns EVSEs and smart charging groups. */
@Entity
@Table(name = "cpo")
@NamedQuery(name = "Cpo.count", query = "SELECT COUNT(c) FROM Cpo c")
@NamedQuery(name = "Cpo.findAll", query = "SELECT c FROM Cpo c ORDER BY c.cpoId")
@NamedQuery(name = "Cpo.countIn", query = "SELECT COUNT(c) FROM Cpo c WHERE c.cpoId IN :cpoIds")
@NamedQuery(name = "Cpo.findIn", query = "SELECT c FROM Cpo c WHERE c.cpoId IN :cpoIds ORDER BY c.cpoId")
public class Cpo {

    @Id
    @Column(name = "cpo_id", length = 64)
    private String cpoId;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Cpo() {
        // for JPA
    }

    public Cpo(String cpoId, String name, Instant createdAt) {
        this.cpoId = Identifiers.require("cpo_id", cpoId, Identifiers.CPO_ID, "NL*GFX");
        this.name = Identifiers.requireText("name", name, 200);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public String cpoId() {
        return cpoId;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
