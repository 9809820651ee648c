# Ameide's developer workspace: a pod in the workspace namespace whose image envbuilder builds from the repository's
# devcontainer.json, with VS Code in the browser. Read README.md beside this file first.
terraform {
  required_providers {
    coder = {
      source  = "coder/coder"
      version = "~> 2.5"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.36"
    }
  }
}

provider "coder" {}

# In the cluster, as Coder's own ServiceAccount (Coder's chart grants it the workspace namespace).
provider "kubernetes" {}

# ---------------------------------------------------------------------------------------------------------------------
# Template variables: set once per template version when it is pushed, never by the developer.
# ---------------------------------------------------------------------------------------------------------------------

variable "namespace" {
  type        = string
  default     = "coder-workspaces"
  description = "The namespace workspaces run in; it carries the baseline of deploy/charts/workspace-baseline."
}

variable "agent_url" {
  type        = string
  default     = "http://coder.coder.svc.cluster.local"
  description = "Coder as the agent reaches it from inside the cluster: the workspace namespace's NetworkPolicies let it reach coderd's pods, not the public ingress."
}

variable "envbuilder_image" {
  type        = string
  description = "The envbuilder image, by digest (name@sha256:<64 hex>). No default: a template version names the builder it was tested with."
  validation {
    condition     = can(regex("^[^@[:space:]]+@sha256:[a-f0-9]{64}$", var.envbuilder_image))
    error_message = "The envbuilder image must be pinned by digest: name@sha256:<64 hex digits>."
  }
}

variable "cache_repo" {
  type        = string
  default     = ""
  description = "A registry repository envbuilder pushes built layers to and pulls them from; empty: no cache, every start builds."
}

variable "service_account" {
  type        = string
  default     = "coder-workspace"
  description = "The ServiceAccount workspace pods run as (deploy/charts/workspace-baseline); it decides whether kubectl works."
}

variable "service_account_token" {
  type        = bool
  default     = false
  description = "Mount the ServiceAccount's token in workspace pods: true only where the baseline gives workspaces kubectl (kubectl.enabled). The Kubernetes provider would otherwise write true into every pod, whatever the ServiceAccount says."
}

variable "storage_class" {
  type        = string
  default     = ""
  description = "StorageClass of the optional home and workspaces volumes; empty: the cluster's default."
}

variable "git_host" {
  type        = string
  default     = "github.com"
  description = "The Git host repositories are cloned from; gh is pointed at it."
}

variable "supported_workflow_url" {
  type        = string
  default     = "deploy/README.md#working-against-the-cluster-from-a-workspace"
  description = "Where the Telepresence shim sends people: the supported way to work against the cluster."
}

# ---------------------------------------------------------------------------------------------------------------------
# Parameters: chosen by the developer when the workspace is created.
# ---------------------------------------------------------------------------------------------------------------------

data "coder_parameter" "repo" {
  name         = "repo"
  display_name = "Repository"
  description  = "HTTPS URL of the Git repository whose .devcontainer/devcontainer.json builds this workspace."
  type         = "string"
  mutable      = false
  order        = 1
  validation {
    regex = "^https://[^[:space:]]+$"
    error = "An HTTPS clone URL, such as https://github.com/ameide/ameide.git."
  }
}

data "coder_parameter" "cpu" {
  name         = "cpu"
  display_name = "CPU"
  description  = "Cores the workspace may use (requested: half of it)."
  type         = "number"
  default      = "4"
  mutable      = true
  order        = 2
  option {
    name  = "2 cores"
    value = "2"
  }
  option {
    name  = "4 cores"
    value = "4"
  }
  option {
    name  = "8 cores"
    value = "8"
  }
}

data "coder_parameter" "memory" {
  name         = "memory"
  display_name = "Memory (GiB)"
  description  = "Memory the workspace may use, requested in full."
  type         = "number"
  default      = "8"
  mutable      = true
  order        = 3
  validation {
    min = 2
    max = 32
  }
}

data "coder_parameter" "home_volume" {
  name         = "home_volume"
  display_name = "Keep /home across restarts"
  description  = "Off (the default): home is ephemeral and starts empty on every start. On: a volume that lives as long as the workspace."
  type         = "bool"
  default      = "false"
  mutable      = true
  order        = 4
}

data "coder_parameter" "workspaces_volume" {
  name         = "workspaces_volume"
  display_name = "Keep /workspaces across restarts"
  description  = "Off (the default): the clone is ephemeral, uncommitted work is lost on stop. On: a volume that lives as long as the workspace."
  type         = "bool"
  default      = "false"
  mutable      = true
  order        = 5
}

data "coder_parameter" "volume_size" {
  name         = "volume_size"
  display_name = "Size of each kept volume (GiB)"
  type         = "number"
  default      = "20"
  mutable      = false
  order        = 6
  validation {
    min = 5
    max = 200
  }
}

data "coder_provisioner" "me" {}
data "coder_workspace" "me" {}
data "coder_workspace_owner" "me" {}

locals {
  workspace_id = lower(data.coder_workspace.me.id)
  repo_name    = replace(regex("[^/]+$", data.coder_parameter.repo.value), "/\\.git$/", "")
  folder       = "/workspaces/${local.repo_name}"
  keep_home    = data.coder_parameter.home_volume.value == "true"
  keep_work    = data.coder_parameter.workspaces_volume.value == "true"

  # On the Deployment AND on the pod: the guardrail services map a pod to its workspace by these labels (Coder's own
  # envbuilder example puts them on the Deployment only, which forces a walk through ReplicaSets).
  labels = {
    "app.kubernetes.io/name"     = "coder-workspace"
    "app.kubernetes.io/instance" = "coder-workspace-${local.workspace_id}"
    "app.kubernetes.io/part-of"  = "coder"
    "com.coder.resource"         = "true"
    "com.coder.workspace.id"     = data.coder_workspace.me.id
    "com.coder.workspace.name"   = data.coder_workspace.me.name
    "com.coder.user.id"          = data.coder_workspace_owner.me.id
    "com.coder.user.username"    = data.coder_workspace_owner.me.name
  }
  annotations = {
    "com.coder.user.email" = data.coder_workspace_owner.me.email
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# The agent, its apps and its start-up glue.
# ---------------------------------------------------------------------------------------------------------------------

resource "coder_agent" "main" {
  arch = data.coder_provisioner.me.arch
  os   = "linux"
  dir  = local.folder

  # Namespace-aware defaults: tools see which namespace they are in without asking the cluster.
  env = {
    GIT_AUTHOR_NAME      = coalesce(data.coder_workspace_owner.me.full_name, data.coder_workspace_owner.me.name)
    GIT_AUTHOR_EMAIL     = data.coder_workspace_owner.me.email
    GIT_COMMITTER_NAME   = coalesce(data.coder_workspace_owner.me.full_name, data.coder_workspace_owner.me.name)
    GIT_COMMITTER_EMAIL  = data.coder_workspace_owner.me.email
    GH_HOST              = var.git_host
    KUBERNETES_NAMESPACE = var.namespace
    WORKSPACE_FOLDER     = local.folder
  }

  metadata {
    display_name = "CPU"
    key          = "cpu"
    script       = "coder stat cpu"
    interval     = 10
    timeout      = 1
  }
  metadata {
    display_name = "Memory"
    key          = "memory"
    script       = "coder stat mem"
    interval     = 10
    timeout      = 1
  }
  metadata {
    display_name = "Disk (workspace folder)"
    key          = "disk"
    script       = "coder stat disk --path ${local.folder}"
    interval     = 60
    timeout      = 1
  }
}

resource "coder_script" "git_setup" {
  agent_id           = coder_agent.main.id
  display_name       = "Git and gh"
  icon               = "/icon/git.svg"
  run_on_start       = true
  start_blocks_login = true
  script             = <<-EOT
    #!/bin/sh
    set -eu
    git config --global user.name "$GIT_AUTHOR_NAME"
    git config --global user.email "$GIT_AUTHOR_EMAIL"
    git config --global init.defaultBranch main
    git config --global pull.rebase true
    # Coder's external auth (when configured) answers git's credential questions; gh reuses git's credentials.
    if command -v gh >/dev/null 2>&1; then
      gh config set git_protocol https --host "$GH_HOST" || true
    fi
  EOT
}

resource "coder_script" "repo_clone" {
  agent_id           = coder_agent.main.id
  display_name       = "Repository"
  icon               = "/icon/git.svg"
  run_on_start       = true
  start_blocks_login = true
  # envbuilder clones the repository to build the image; this only covers a workspaces volume kept from an earlier
  # start whose clone is gone, and never touches an existing clone (no pull over someone's work).
  script = <<-EOT
    #!/bin/sh
    set -eu
    if [ ! -d "${local.folder}/.git" ]; then
      git clone "${data.coder_parameter.repo.value}" "${local.folder}"
    fi
  EOT
}

resource "coder_script" "telepresence_shim" {
  agent_id     = coder_agent.main.id
  display_name = "Telepresence shim"
  run_on_start = true
  # A workspace already runs inside the cluster, so Telepresence has nothing to bridge and would need rights the
  # workspace does not have. The shim answers at once, with the way that works, instead of a hang or an RBAC error.
  script = <<-EOT
    #!/bin/sh
    set -eu
    mkdir -p "$HOME/.local/bin"
    cat > "$HOME/.local/bin/telepresence" <<'SHIM'
    #!/bin/sh
    echo "telepresence is not supported in Coder workspaces: this workspace already runs inside the cluster," >&2
    echo "in namespace $KUBERNETES_NAMESPACE. Reach services by their cluster DNS names (<service>.<namespace>.svc)." >&2
    echo "See ${var.supported_workflow_url}" >&2
    exit 1
    SHIM
    chmod 0755 "$HOME/.local/bin/telepresence"
  EOT
}

resource "coder_script" "code_server" {
  agent_id     = coder_agent.main.id
  display_name = "code-server"
  icon         = "/icon/code.svg"
  run_on_start = true
  # The devcontainer may bring code-server (the code-server feature); otherwise it is installed into the home folder.
  script = <<-EOT
    #!/bin/sh
    set -eu
    if ! command -v code-server >/dev/null 2>&1 && [ ! -x "$HOME/.local/bin/code-server" ]; then
      curl -fsSL https://code-server.dev/install.sh | sh -s -- --method standalone --prefix "$HOME/.local"
    fi
    PATH="$HOME/.local/bin:$PATH" code-server --auth none --bind-addr 127.0.0.1:13337 "${local.folder}" \
      >/tmp/code-server.log 2>&1 &
  EOT
}

resource "coder_app" "code_server" {
  agent_id     = coder_agent.main.id
  slug         = "code-server"
  display_name = "VS Code"
  icon         = "/icon/code.svg"
  url          = "http://localhost:13337/?folder=${local.folder}"
  subdomain    = false
  share        = "owner"
  healthcheck {
    url       = "http://localhost:13337/healthz"
    interval  = 5
    threshold = 6
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Kubernetes: the agent's token in a Secret, the optional volumes, the Deployment.
# ---------------------------------------------------------------------------------------------------------------------

# The agent token is handed to the pod by Secret name, so that the pod spec (which tools and people read) holds none.
resource "kubernetes_secret_v1" "agent" {
  count = data.coder_workspace.me.start_count
  metadata {
    name        = "coder-${local.workspace_id}-agent"
    namespace   = var.namespace
    labels      = local.labels
    annotations = local.annotations
  }
  data = {
    token = coder_agent.main.token
  }
}

resource "kubernetes_persistent_volume_claim_v1" "home" {
  count = local.keep_home ? 1 : 0
  metadata {
    name        = "coder-${local.workspace_id}-home"
    namespace   = var.namespace
    labels      = local.labels
    annotations = local.annotations
  }
  wait_until_bound = false
  spec {
    access_modes       = ["ReadWriteOnce"]
    storage_class_name = var.storage_class == "" ? null : var.storage_class
    resources {
      requests = {
        storage = "${data.coder_parameter.volume_size.value}Gi"
      }
    }
  }
}

resource "kubernetes_persistent_volume_claim_v1" "workspaces" {
  count = local.keep_work ? 1 : 0
  metadata {
    name        = "coder-${local.workspace_id}-workspaces"
    namespace   = var.namespace
    labels      = local.labels
    annotations = local.annotations
  }
  wait_until_bound = false
  spec {
    access_modes       = ["ReadWriteOnce"]
    storage_class_name = var.storage_class == "" ? null : var.storage_class
    resources {
      requests = {
        storage = "${data.coder_parameter.volume_size.value}Gi"
      }
    }
  }
}

resource "kubernetes_deployment_v1" "main" {
  count            = data.coder_workspace.me.start_count
  wait_for_rollout = false
  metadata {
    name        = "coder-${local.workspace_id}"
    namespace   = var.namespace
    labels      = local.labels
    annotations = local.annotations
  }
  spec {
    replicas = 1
    strategy {
      type = "Recreate"
    }
    selector {
      match_labels = {
        "app.kubernetes.io/name"     = "coder-workspace"
        "app.kubernetes.io/instance" = "coder-workspace-${local.workspace_id}"
      }
    }
    template {
      metadata {
        labels      = local.labels
        annotations = local.annotations
      }
      spec {
        service_account_name = var.service_account
        # Said explicitly: left out, the Kubernetes provider sets true, which overrides the ServiceAccount's false and
        # hands every workspace a cluster credential (policy-guard's rule identity.token-automount).
        automount_service_account_token = var.service_account_token
        security_context {
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }
        container {
          name              = "dev"
          image             = var.envbuilder_image
          image_pull_policy = "IfNotPresent"
          # envbuilder builds the devcontainer's image in this very container, as root, without a Docker daemon and
          # without privilege; it then runs the agent as the devcontainer's user.
          security_context {
            privileged                 = false
            allow_privilege_escalation = false
          }
          env {
            name = "CODER_AGENT_TOKEN"
            value_from {
              secret_key_ref {
                name = kubernetes_secret_v1.agent[0].metadata[0].name
                key  = "token"
              }
            }
          }
          env {
            name  = "CODER_AGENT_URL"
            value = var.agent_url
          }
          env {
            name  = "ENVBUILDER_GIT_URL"
            value = data.coder_parameter.repo.value
          }
          env {
            name  = "ENVBUILDER_WORKSPACE_FOLDER"
            value = local.folder
          }
          # The init script downloads the agent from the access URL; inside the cluster it fetches it from coderd directly.
          env {
            name  = "ENVBUILDER_INIT_SCRIPT"
            value = replace(coder_agent.main.init_script, data.coder_workspace.me.access_url, var.agent_url)
          }
          # No fallback image: a devcontainer.json that does not build fails the workspace with envbuilder's log,
          # rather than starting something else that looks like it works.
          env {
            name  = "ENVBUILDER_EXIT_ON_BUILD_FAILURE"
            value = "true"
          }
          env {
            name  = "ENVBUILDER_CACHE_REPO"
            value = var.cache_repo
          }
          env {
            name = "POD_NAMESPACE"
            value_from {
              field_ref {
                field_path = "metadata.namespace"
              }
            }
          }
          resources {
            requests = {
              cpu                 = "${data.coder_parameter.cpu.value / 2}"
              memory              = "${data.coder_parameter.memory.value}Gi"
              "ephemeral-storage" = "10Gi"
            }
            limits = {
              cpu                 = "${data.coder_parameter.cpu.value}"
              memory              = "${data.coder_parameter.memory.value}Gi"
              "ephemeral-storage" = "40Gi"
            }
          }
          volume_mount {
            name       = "home"
            mount_path = "/home"
          }
          volume_mount {
            name       = "workspaces"
            mount_path = "/workspaces"
          }
        }
        volume {
          name = "home"
          dynamic "persistent_volume_claim" {
            for_each = local.keep_home ? [1] : []
            content {
              claim_name = kubernetes_persistent_volume_claim_v1.home[0].metadata[0].name
            }
          }
          dynamic "empty_dir" {
            for_each = local.keep_home ? [] : [1]
            content {
              size_limit = "10Gi"
            }
          }
        }
        volume {
          name = "workspaces"
          dynamic "persistent_volume_claim" {
            for_each = local.keep_work ? [1] : []
            content {
              claim_name = kubernetes_persistent_volume_claim_v1.workspaces[0].metadata[0].name
            }
          }
          dynamic "empty_dir" {
            for_each = local.keep_work ? [] : [1]
            content {
              size_limit = "20Gi"
            }
          }
        }
      }
    }
  }
}
