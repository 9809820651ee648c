# A small Kubernetes workspace template for the sandbox run and the tests: one Deployment per started workspace, a
# code-server app, and the agent. The image is pinned by digest, as template-sync's lint requires; nothing secret is
# written here (the agent token comes from Coder at build time).
terraform {
  required_providers {
    coder = {
      source = "coder/coder"
    }
    kubernetes = {
      source = "hashicorp/kubernetes"
    }
  }
}

variable "namespace" {
  type        = string
  description = "The namespace workspaces run in."
  default     = "coder-workspaces"
}

data "coder_workspace" "me" {}
data "coder_workspace_owner" "me" {}

resource "coder_agent" "main" {
  os   = "linux"
  arch = "amd64"
}

resource "coder_app" "code_server" {
  agent_id     = coder_agent.main.id
  slug         = "code-server"
  display_name = "VS Code"
  url          = "http://localhost:13337/?folder=/home/coder"
  subdomain    = false
}

resource "kubernetes_deployment_v1" "main" {
  count = data.coder_workspace.me.start_count
  metadata {
    name      = "coder-${data.coder_workspace.me.id}"
    namespace = var.namespace
    labels = {
      "app.kubernetes.io/name"   = "coder-workspace"
      "com.coder.workspace.id"   = data.coder_workspace.me.id
      "com.coder.workspace.name" = data.coder_workspace.me.name
      "com.coder.user.username"  = data.coder_workspace_owner.me.name
    }
  }
  spec {
    replicas = 1
    selector {
      match_labels = {
        "com.coder.workspace.id" = data.coder_workspace.me.id
      }
    }
    strategy {
      type = "Recreate"
    }
    template {
      metadata {
        labels = {
          "com.coder.workspace.id" = data.coder_workspace.me.id
        }
      }
      spec {
        security_context {
          run_as_user     = 1000
          run_as_non_root = true
        }
        container {
          name    = "dev"
          image   = "codercom/example-base@sha256:5f1b2c8e0d6a4b3c9e7f1a2d4c6b8e0f1a3c5e7092b4d6f8a0c2e4f6b8d0a2c4"
          command = ["sh", "-c", coder_agent.main.init_script]
          env {
            name  = "CODER_AGENT_TOKEN"
            value = coder_agent.main.token
          }
          resources {
            requests = { cpu = "250m", memory = "512Mi" }
            limits   = { cpu = "2", memory = "4Gi" }
          }
        }
      }
    }
  }
}
