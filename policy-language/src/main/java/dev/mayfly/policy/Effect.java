package dev.mayfly.policy;

public enum Effect { ALLOW, DENY }
