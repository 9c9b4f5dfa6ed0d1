if (isAdmin) { /* ‮ } ⁦if (isAdmin)⁩ ⁦ begin admins only */
