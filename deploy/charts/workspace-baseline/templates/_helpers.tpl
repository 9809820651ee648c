{{- define "workspace-baseline.labels" -}}
app.kubernetes.io/name: workspace-baseline
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: coder-guardrails
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* One egress rule to a list of CIDRs on a list of TCP ports; nothing when the list is empty. */}}
{{- define "workspace-baseline.cidrEgress" -}}
{{- if .cidrs }}
- to:
    {{- range .cidrs }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
  ports:
    {{- range .ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
{{- end }}
{{- end -}}

{{/* One egress rule to pods of one namespace on one TCP port. */}}
{{- define "workspace-baseline.podEgress" -}}
- to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .namespace }}
      podSelector:
        matchLabels:
          {{- toYaml .podLabels | nindent 10 }}
  ports:
    - port: {{ .port }}
      protocol: TCP
{{- end -}}
